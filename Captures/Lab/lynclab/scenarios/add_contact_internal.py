from .presence import add_contact_internal


def scenario():
    return add_contact_internal()
