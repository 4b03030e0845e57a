"""Demo data of this app (called by seed_demo)."""


def seed_demo_data() -> list[str]:
    return []
