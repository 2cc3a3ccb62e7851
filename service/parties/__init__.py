"""Parties (states and providers): their points of contact, providers, and paragraph-6 reports."""
