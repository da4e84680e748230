from cjm.cli import run

run()
