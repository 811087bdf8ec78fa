"""Exports: the documents of a classeur as PDF, Word, macro-free .xlsx and e-mail drafts,
optionally pseudonymised, each checked before it leaves."""
