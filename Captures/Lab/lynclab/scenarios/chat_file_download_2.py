from .chat import file_token


def scenario():
    return file_token(2, download=True)
