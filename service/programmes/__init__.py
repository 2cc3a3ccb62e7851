"""Providers' programmes: the offers in the public directory, edited by their own provider."""
