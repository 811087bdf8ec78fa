Attribute VB_Name = "Classeur"
' Classeur ribbon: the single callback of every button (customUI.xml, onAction).
' The button id goes to Python (classeur.excel.ribbon.button_pressed), which does the work.
' Three checks come first because they must happen BEFORE Python starts:
' - a workbook must be open (none: nothing for Python to work on);
' - xlwings reads its settings from a sheet named "classeur.conf" of the ACTIVE workbook
'   before this add-in's own settings, and runs sheets named "*.py" as code: a received
'   workbook with such a sheet could choose the Python a click starts or the code it runs.
'   Any sheet named "*.conf" or "*.py" is refused (classeur verifier reports it too);
' - an add-in that "classeur addin install" did not set up has no Python to start.
' No name (nor comment) here may look like an event handler or an auto-run macro:
' antivirus and mail filters flag those (layout/excel_addin.py says more).
Option Explicit

Private Const TITLE As String = "Classeur"

Public Sub ClasseurButton(control As IRibbonControl)
    If ActiveWorkbook Is Nothing Then
        MsgBox "Ouvrez d’abord votre classeur (s’il est en mode protégé, cliquez sur " & _
            "« Activer la modification »), puis cliquez de nouveau.", vbInformation, TITLE
        Exit Sub
    End If
    If HasXlwingsSheet(ActiveWorkbook) Then
        MsgBox "Ce classeur contient une feuille de réglages ou de code pour xlwings " & _
            "(son nom finit par « .conf » ou « .py ») : elle pourrait faire exécuter " & _
            "autre chose que Classeur. Le ruban ne fonctionne pas sur ce classeur; " & _
            "rien n’a été modifié." & vbLf & vbLf & _
            "Supprimez cette feuille (elle peut être masquée : clic droit sur un onglet " & _
            "› Afficher), enregistrez, puis cliquez de nouveau. La commande " & _
            "« classeur verifier » donne son nom.", vbExclamation, TITLE
        Exit Sub
    End If
    If InterpreterSetting() = "" Then
        MsgBox "Le ruban Classeur n’est pas relié à Python sur cet ordinateur; " & _
            "rien n’a été modifié." & vbLf & vbLf & _
            "Quittez Excel, tapez dans un terminal « py -m classeur addin install » " & _
            "(Windows) ou « python3 -m classeur addin install » (Mac), puis rouvrez " & _
            "Excel.", vbExclamation, TITLE
        Exit Sub
    End If
    RunPython "import classeur.excel.ribbon; classeur.excel.ribbon.button_pressed('" & control.Id & "')"
End Sub

Private Function HasXlwingsSheet(wb As Workbook) As Boolean
    Dim sht As Object
    Dim lowered As String
    For Each sht In wb.Sheets
        lowered = LCase$(sht.Name)
        If Right$(lowered, 5) = ".conf" Or Right$(lowered, 3) = ".py" Then
            HasXlwingsSheet = True
            Exit Function
        End If
    Next sht
End Function

Private Function InterpreterSetting() As String
    #If Mac Then
        InterpreterSetting = GetConfig("INTERPRETER_MAC", "")
    #Else
        InterpreterSetting = GetConfig("INTERPRETER_WIN", "")
    #End If
End Function
