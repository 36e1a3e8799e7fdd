"""`python -m leanbot_kit` runs the `leanbot` command."""

from leanbot_kit.cli import main

if __name__ == "__main__":
    main()
