from cjm.fastpath import run

run()
