"""python -m claimx"""
from claimx.cli.app import main

main()
