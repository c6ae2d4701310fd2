"""newsevents."""
