from .chat import file_token


def scenario():
    return file_token(1, download=True)
