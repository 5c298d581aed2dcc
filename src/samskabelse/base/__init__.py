"""The bottom layer: texts in two languages and safe file names and writes. Imports nothing of the course."""
