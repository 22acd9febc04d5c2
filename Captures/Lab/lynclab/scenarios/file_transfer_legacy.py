from .transfer import legacy_transfer


def scenario():
    return legacy_transfer()
