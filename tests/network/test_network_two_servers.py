"""Done-when of the network: two craftcity servers on loopback with their own databases (the demo partner city
and a hub), a harvest, a cross-script find, an unpublishing on the partner and the artisan gone from the hub —
all played by scripts/network-two-cities, the script the README gives."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_a_hub_finds_a_partner_artisan_across_scripts_and_forgets_them_when_unpublished():
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "network-two-cities")],
        capture_output=True, text=True, timeout=900, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    assert "— 14 new" in out  # 12 artisans and 2 events of Sheberkent
    assert "“Gulnara Seytkali” finds Gulnara Seitkali of Sheberkent (demo city)" in out
    assert "1 deleted" in out
    assert "no longer finds the artisan on the hub: OK" in out
