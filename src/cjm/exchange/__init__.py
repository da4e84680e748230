"""Journeys to and from the tools workshops use: spreadsheets (CSV, Excel) and Mermaid diagrams.

`cjm export` writes one row per touchpoint (and, in a workbook, sheets for the journey, its
personas, teams and channels); `cjm import` reads such a sheet, or a Mermaid `journey` diagram,
back into a journey file. What a sheet holds is lossless: export then import gives a journey
that `cjm diff` finds unchanged. openpyxl and calamine are imported only by these commands.
"""
