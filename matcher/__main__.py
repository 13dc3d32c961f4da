from matcher.cli import program

program()
