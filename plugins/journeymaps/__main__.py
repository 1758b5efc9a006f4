import sys

from journeymaps.cli import main

sys.exit(main())
