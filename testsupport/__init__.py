"""What the tests and the benchmarks share: factories for users, preps, answers and content, test clients,
a listening socket, the Chromium the browser tests drive. Neither ``tests/`` nor ``bench/`` imports the other;
both import this. Not part of the installed package."""
