import sys

from bps_commissioner.cli import main

sys.exit(main())
