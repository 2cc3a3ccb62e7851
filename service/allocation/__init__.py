"""The monthly allocation plan: which programme should take which open reasonable need (DESIGN §4)."""
