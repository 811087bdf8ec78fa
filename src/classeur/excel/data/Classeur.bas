Attribute VB_Name = "Classeur"
' Classeur ribbon: the single callback of every button.
' No logic here: the button id goes to Python (classeur.excel.ribbon.on_click), which does the work.
Option Explicit

Public Sub ClasseurClick(control As IRibbonControl)
    RunPython "import classeur.excel.ribbon; classeur.excel.ribbon.on_click('" & control.Id & "')"
End Sub
