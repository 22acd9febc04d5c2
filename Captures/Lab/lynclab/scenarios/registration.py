from .presence import registration


def scenario():
    return registration()
