"""The `classeur` command line: nouveau, demo, verifier; French messages, no traceback."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from classeur.cli.main import cli
from classeur.domain import demo
from classeur.domain.model import Classeur, Member
from classeur.files import xlsx_new, xlsx_read
from classeur.layout import outputs, structure, vocabulary
from tests.typography import plain


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "classeur", *args], capture_output=True, text=True, cwd=cwd
    )


def test_demo_writes_in_current_directory_and_prints_path(tmp_path: Path) -> None:
    out = run("demo", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    path = Path(out.stdout.strip())
    assert path == tmp_path / "classeur-demo.xlsx"
    assert xlsx_read.read_classeur(path) == demo.demo()


# What a teacher's folder may hold after the commands: the classeur, the documents of its
# rencontres, and the folder of its previous versions (nothing hidden besides, no lock).
_SIDE_FILE = re.compile(r"classeur-demo-R\d-(ordre-du-jour|compte-rendu)\.(html|txt)")
_BACKUP = re.compile(r"classeur-demo\.\d{8}-\d{6}(-\d+)?\.xlsx")


@pytest.mark.parametrize(
    "argv",
    [
        ["verifier"],
        ["compiler"],
        ["ordre-du-jour", "-r", "2"],
        ["compte-rendu", "-r", "1"],
        ["bilan"],
    ],
    ids=lambda argv: argv[0],
)
def test_a_command_leaves_only_the_classeur_its_documents_and_backups(
    tmp_path: Path, argv: list[str]
) -> None:
    made = run("demo", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert {p.name for p in tmp_path.iterdir() if p.name.startswith(".")} == set()
    done = run(argv[0], "classeur-demo.xlsx", *argv[1:], cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in tmp_path.iterdir())
    extra = [
        n
        for n in names
        if n not in ("classeur-demo.xlsx", outputs.BACKUP_FOLDER) and not _SIDE_FILE.fullmatch(n)
    ]
    assert extra == [], names
    backups = tmp_path / outputs.BACKUP_FOLDER
    kept = sorted(p.name for p in backups.iterdir()) if backups.exists() else []
    assert all(_BACKUP.fullmatch(n) for n in kept), kept
    # Only a command that rewrote the classeur keeps its previous version.
    assert len(kept) == (0 if argv[0] == "verifier" else 1)


def test_nouveau_creates_blank_and_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "equipe.xlsx"
    out = run("nouveau", str(target), "--modele", "car", "--titre", "Équipe 1re année")
    assert out.returncode == 0, out.stderr
    c = xlsx_read.read_classeur(target)
    assert c.settings.titre == "Équipe 1re année"
    assert [m.canevas for m in c.meetings] == list(vocabulary.CANEVAS_CAR)
    before = target.read_bytes()
    again = run("nouveau", str(target), "--modele", "reseau")
    assert again.returncode == 1
    assert plain(again.stderr.strip()) == (
        f"Erreur : Le fichier « {target} » existe déjà; il n'a pas été modifié. "
        "Choisissez un autre nom, ou ajoutez --remplacer pour le remplacer "
        "(l'ancienne version est alors gardée dans ses copies de sécurité)."
    )
    assert target.read_bytes() == before


def test_usage_errors_are_french() -> None:
    out = run("nouveau", "x.xlsx", "--modele", "autre")
    assert out.returncode == 2
    assert "Erreur\u00a0: Valeur invalide pour" in out.stderr
    assert "Traceback" not in out.stderr


def _reseau(tmp_path: Path, name: str, members: list[Member], annee: str = "2026-2027") -> Path:
    c = demo.blank("reseau", name, annee)
    c.members = members
    return xlsx_new.write_classeur(c, tmp_path / f"{name}.xlsx")


def _people(n: int, schools: int = 5, prefix: str = "P") -> list[Member]:
    return [
        Member(
            f"{prefix}{i}",
            "Test",
            f"{prefix.lower()}{i}@ex.ca",
            f"École {i % schools}",
            role="Participant",
        )
        for i in range(n)
    ]


def _anim(email: str = "anim@ex.ca") -> Member:
    return Member("Ani", "Mateur", email, "École 0", role="Animation")


def verifier(*paths: Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["verifier", *map(str, paths)])
    return result.exit_code, result.output


def test_verifier_clean_network(tmp_path: Path) -> None:
    code, out = verifier(_reseau(tmp_path, "ok", [_anim(), *_people(8)]))
    assert (code, out) == (0, "✓ ok.xlsx\u00a0: aucun problème\n")


@pytest.mark.parametrize(
    ("members", "expected"),
    [
        (
            lambda: [_anim(), *_people(5)],
            "Le réseau compte 5 participant·es; il en faut au moins 6. "
            "Ajoutez des participants (rôle « Participant·e »).",
        ),
        (
            lambda: [_anim(), *_people(11, schools=6)],
            "Le réseau compte 11 participants; le maximum est de 10. "
            "Retirez des participants ou formez un second réseau.",
        ),
        (
            lambda: [
                _anim(),
                *_people(7, schools=7),
                *[
                    Member(f"X{i}", "Y", f"x{i}@ex.ca", "École 0", role="Participant")
                    for i in range(2)
                ],
            ],
            "3 participants viennent de « École 0 »; au plus 2 par établissement "
            "(sans compter l'animation). Gardez au plus deux participants de cet établissement.",
        ),
        (
            lambda: _people(7),
            "Le réseau n'a aucune personne à l'animation; il en faut exactement une. "
            "Donnez le rôle « Animation » à une seule personne.",
        ),
    ],
    ids=["5-participants", "11-participants", "3-same-school", "no-animator"],
)
def test_verifier_network_rules(tmp_path: Path, members, expected: str) -> None:
    code, out = verifier(_reseau(tmp_path, "r", members()))
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == "✗ r.xlsx\u00a0: 1 problème"
    assert plain(lines[1]).endswith(expected)
    assert plain(lines[1]).startswith("  - Fichier « r.xlsx », feuille « Équipe »")


def test_animator_does_not_count_for_school_limit(tmp_path: Path) -> None:
    members = [_anim(), *_people(6, schools=3)]  # 2 per school + animator from École 0
    code, _ = verifier(_reseau(tmp_path, "r", members))
    assert code == 0


def test_teacher_in_two_networks(tmp_path: Path) -> None:
    a = _reseau(tmp_path, "a", [_anim("a@ex.ca"), *_people(6)])
    b = _reseau(
        tmp_path,
        "b",
        [
            _anim("b@ex.ca"),
            *_people(6, prefix="Q"),
            Member("P0", "Test", "p0@ex.ca", "École 9", role="Participant"),
        ],
    )
    code, out = verifier(a, b)
    assert code == 1
    assert plain(out.splitlines()[-1]) == (
        "  - Feuille « Équipe » : P0 Test participe à 2 réseaux en 2026-2027 "
        "(« a.xlsx », « b.xlsx »); c'est un seul par année. "
        "Retirez cette personne de tous les réseaux sauf un."
    )


def test_animating_two_networks_same_year_only(tmp_path: Path) -> None:
    a = _reseau(tmp_path, "a", [_anim(), *_people(6)])
    b = _reseau(tmp_path, "b", [_anim(), *_people(6, prefix="Q")])
    c = _reseau(tmp_path, "c", [_anim(), *_people(6, prefix="R")], annee="2027-2028")
    code, out = verifier(a, b, c)
    assert code == 1
    assert "Ani Mateur anime 2 réseaux en 2026-2027 (« a.xlsx », « b.xlsx »)" in plain(out)
    assert "c.xlsx" not in out.split("Entre les réseaux")[1]


def test_verifier_reports_structure_and_missing_file(tmp_path: Path, demo_path: Path) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(demo_path)
    wb[structure.SHEET_RENCONTRES]["B5"] = "bientôt"
    wb.save(demo_path)
    code, out = verifier(demo_path, tmp_path / "absent.xlsx")
    assert code == 1
    assert "ligne 5, colonne « Date » : « bientôt » n'est pas une date." in plain(out)
    assert "Le fichier « " in plain(out) and "absent.xlsx » est introuvable." in plain(out)


def test_unexpected_error_gives_french_message_not_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from classeur.domain import demo as demo_mod

    def boom(modele: str) -> Classeur:
        raise RuntimeError("boom")

    monkeypatch.setattr(demo_mod, "demo", boom)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with pytest.raises(SystemExit) as info:
        from classeur.cli.main import main

        main(["demo", "-o", str(tmp_path / "d.xlsx")])
    assert info.value.code == 1
    logs = list(tmp_path.glob("classeur-erreur-*.txt"))
    assert len(logs) == 1 and "RuntimeError: boom" in logs[0].read_text()
    err = capsys.readouterr().err
    assert plain(err).startswith("Erreur inattendue : Classeur n'a pas pu terminer l'opération.")
    assert "Traceback" not in err
    assert not (tmp_path / "d.xlsx").exists()


def test_help_pages_are_french() -> None:
    out = run("ordre-du-jour", "--help")
    assert out.returncode == 0
    assert out.stdout.startswith("Utilisation\u00a0: classeur ordre-du-jour [OPTIONS] FICHIER")
    assert "Options\u00a0:" in out.stdout
    assert "Affiche cette aide et quitte." in out.stdout
    assert "obligatoire" in out.stdout
    for english in ("Usage:", "Show this message", "required", "Commands:"):
        assert english not in out.stdout
    top = run("--help").stdout
    assert "Commandes\u00a0:" in top and "Affiche la version et quitte." in top
