from .presence import presence_publish


def scenario():
    return presence_publish()
