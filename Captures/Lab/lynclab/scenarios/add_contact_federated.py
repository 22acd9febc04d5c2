from .presence import add_contact_federated


def scenario():
    return add_contact_federated()
