"""Classeur: the workbook of équipes collaboratives and réseaux d'entraide."""

__version__ = "0.1.0"
