from django.contrib.auth.hashers import PBKDF2PasswordHasher


class FastPBKDF2PasswordHasher(PBKDF2PasswordHasher):
    """Django's default algorithm and format with one iteration instead of ~1,000,000 (~0.3 s a password).

    The iteration count is written into each hash, so app servers that tests start with the production
    settings still verify these passwords.
    """

    iterations = 1
