#!/usr/bin/env python3
"""Regenerates the seed corpus in tests/fuzz/corpus/ from data/stdcge, data/illustrative,
data/korea2015 and runs/ (plus a few hand-written near-valid inputs). Run from anywhere; writes only under
tests/fuzz/corpus/<target>/seed_*. Regression inputs (regress_*) are left alone."""
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "tests/fuzz/corpus"
STD = ROOT / "data/stdcge"
ILL = ROOT / "data/illustrative"
ORDER = ["regions.csv", "accounts.csv", "factors.csv", "sam.csv", "elasticities.csv", "trade.csv"]


def read(path):
    return path.read_bytes()


def put(target, name, data):
    d = OUT / target
    d.mkdir(parents=True, exist_ok=True)
    (d / f"seed_{name}").write_bytes(data)


def clean():
    for p in OUT.glob("*/seed_*"):
        p.unlink()


# fuzz_csv: first byte % 7 picks the required columns, (byte // 7) % 2 allows infinities.
REQUIRED = {"none": 0, "regions": 1, "accounts": 2, "factors": 3, "sam": 4, "trade": 5,
            "elasticities": 6}


def selector(kind, allow_inf=False):
    for c in range(ord("A"), ord("z") + 1):
        if c % 7 == REQUIRED[kind] and (c // 7) % 2 == int(allow_inf):
            return bytes([c])
    raise AssertionError


def csv_seeds():
    for f in ORDER[:5]:
        kind = f[:-4]
        put("fuzz_csv", f"stdcge_{kind}", selector(kind) + read(STD / f))
    put("fuzz_csv", "illustrative_trade", selector("trade") + read(ILL / "trade.csv"))
    put("fuzz_csv", "illustrative_elasticities_inf",
        selector("elasticities", True) + read(ILL / "elasticities.csv"))
    put("fuzz_csv", "quoting", selector("none") +
        b'\xef\xbb\xbfa,"b ""quoted""",c\r\n# comment\r\n1,"2,5",  3e-2 \r\n\r\n-0.5,+1E+3,.5\n')
    put("fuzz_csv", "numbers", selector("none", True) +
        b"x,y,z\n1e308,1e-320,inf\nInfinity,nan,0x1p3\n1e999,--1,1.2.3\n")
    put("fuzz_csv", "unterminated", selector("regions") + b'region\n"KOR\n')


def database(files, extra=None):
    parts = []
    for f in ORDER:
        if f in files:
            parts.append(files[f])
        elif f != "trade.csv":
            parts.append(b"")
    return b"%%\n".join(p if p.endswith(b"\n") or not p else p + b"\n" for p in parts)


def load(directory):
    return {f: read(directory / f) for f in ORDER if (directory / f).exists()}


def database_seeds():
    std, ill = load(STD), load(ILL)
    put("fuzz_database", "stdcge", database(std))
    put("fuzz_database", "illustrative", database(ill))
    # Near-valid: an unbalanced SAM, a missing elasticity, trade in a one-region database,
    # a bad mobility, a sign error.
    bad = dict(std)
    bad["sam.csv"] = std["sam.csv"].replace(b",15\n", b",16\n", 1)
    put("fuzz_database", "stdcge_unbalanced", database(bad))
    bad = dict(std)
    bad["elasticities.csv"] = b"\n".join(std["elasticities.csv"].split(b"\n")[:-2]) + b"\n"
    put("fuzz_database", "stdcge_missing_elasticity", database(bad))
    bad = dict(std)
    bad["trade.csv"] = b"commodity,exporter,importer,value,tariff_rate,export_tax_rate\n"
    put("fuzz_database", "stdcge_with_trade", database(bad))
    bad = dict(std)
    bad["factors.csv"] = std["factors.csv"].replace(b"mobile", b"specific", 1)
    put("fuzz_database", "stdcge_specific", database(bad))
    # A tiny closed two-sector economy, small enough for the fuzzer to mutate meaningfully.
    tiny = {
        "regions.csv": b"region\nR\n",
        "accounts.csv": b"account,kind,label\na_A,activity,A\nc_A,commodity,A\nL,factor,L\nH,household,H\n",
        "factors.csv": b"factor,mobility\nL,mobile\n",
        "sam.csv": b"region,row,column,value\nR,c_A,a_A,0\nR,L,a_A,10\nR,a_A,c_A,10\n"
                   b"R,H,L,10\nR,c_A,H,10\n",
        "elasticities.csv": b"region,sector,parameter,value,source\n*,*,sigma_va,1,x\n"
                            b"*,*,sigma_d,2,x\n*,*,omega,inf,x\n",
    }
    put("fuzz_database", "tiny_closed", database(tiny))
    # A tiny small open economy (exports = imports = X), and with exports above output (a
    # balanced SAM that Calibrate refuses).
    def tiny_open(x):
        return dict(tiny, **{
            "accounts.csv": tiny["accounts.csv"] + b"ROW,rest_of_world,\n",
            "sam.csv": tiny["sam.csv"] + b"R,c_A,ROW,%d\nR,ROW,c_A,%d\n" % (x, x),
        })
    put("fuzz_database", "tiny_open", database(tiny_open(5)))
    put("fuzz_database", "tiny_open_exports_above_output", database(tiny_open(15)))
    # Two tiny regions trading with each other, with a tariff in R2.
    two = {
        "regions.csv": b"region\nR1\nR2\n",
        "accounts.csv": tiny["accounts.csv"] + b"G,government,\nTM,tax_import,\nROW,rest_of_world,\n",
        "factors.csv": tiny["factors.csv"],
        "sam.csv": b"region,row,column,value\n"
                   b"R1,L,a_A,10\nR1,a_A,c_A,10\nR1,H,L,10\nR1,c_A,H,10\nR1,c_A,ROW,5\nR1,ROW,c_A,5\n"
                   b"R2,L,a_A,10\nR2,a_A,c_A,10\nR2,H,L,10\nR2,c_A,H,10\nR2,c_A,ROW,5\nR2,ROW,c_A,5\n"
                   b"R2,TM,c_A,0.5\nR2,G,TM,0.5\nR2,c_A,G,0.5\n",
        "elasticities.csv": b"region,sector,parameter,value,source\n*,*,sigma_va,1,x\n"
                            b"*,*,sigma_d,2,x\n*,*,sigma_m,4,x\nR2,A,omega,2,x\nR1,*,omega,inf,x\n",
        "trade.csv": b"commodity,exporter,importer,value,tariff_rate,export_tax_rate\n"
                     b"A,R1,R2,5,0.1,0\nA,R2,R1,5,0,0\n",
    }
    put("fuzz_database", "tiny_two_regions", database(two))


def toml_seeds():
    for p in sorted((ROOT / "runs/illustrative").glob("*.toml")):
        put("fuzz_scenario", p.stem, read(p))
    put("fuzz_scenario", "closure_full", b'''name = "closure"
description = """multi
line"""
[closure]
numeraire = "PF(R1,F1)"
numeraire_value = 1.5
walras = "MKT_Q(R1,S1)"
fix = ["QF(*,F1)", 'XV(R2,*)']
unfix = ["ER"]

[[shock]]
target = "tm"
index = ["*", "*", "R1"]
set = 0.0
note = "zero"

[[shock]]
target = "fsav"
index = ["R1"]
add = -1e-3
''')
    put("fuzz_scenario", "bad_two_modes", b'name = "x"\n[[shock]]\ntarget = "tfp"\nscale = 1\nadd = 2\n')
    put("fuzz_scenario", "inline_tables", b'name = "x"\nshock = [{target = "tfp", index = ["*", "*"], scale = 0x10}]\n'
        b'closure = {fix = [], numeraire_value = inf}\n')
    put("fuzz_study", "default", read(ROOT / "runs/default.toml"))
    put("fuzz_study", "minimal", b'name = "s"\ndata = "../data"\nscenarios = ["a.toml"]\n')
    put("fuzz_study", "solver", b'name = "s"\ndata = "/abs/data"\noutput = "out.h5"\n'
        b'scenarios = ["a.toml", "b/c.toml"]\n[solver]\nmethod = "newton"\ntolerance = 1e-12\n'
        b'# dates and other types\nx = 1979-05-27T07:32:00Z\n')
    put("fuzz_study", "bad_types", b'name = 1\ndata = ["x"]\nscenarios = "a.toml"\n[solver]\ntolerance = "small"\n')


def batch_seeds():
    for f in sorted((ROOT / "runs/batch").glob("*.toml")):
        put("fuzz_batch", f.stem, read(f))
    put("fuzz_batch", "minimal", b'name = "b"\nstudy = "s.toml"\ndesign = "monte_carlo"\ndraws = 1\n'
        b'[[parameter]]\nname = "omega"\nindex = ["R1", "*"]\nsd = 0.5\nlower = 0.1\nupper = 9\n')
    put("fuzz_batch", "triangular_bounds", b'name = "b"\nstudy = "s.toml"\ndesign = "quadrature"\nseed = 0\n'
        b'[[parameter]]\nname = "sigma_va"\nindex = ["*", "S1"]\ndistribution = "triangular"\n'
        b'lower = 0.5\nupper = 2.5\ndraw = "each"\n[outcomes]\nwelfare = false\ngdp = false\n'
        b'variables = ["X(R1,*)", "PF(*,F1)"]\n')
    put("fuzz_batch", "bad_mixed", b'name = "b b"\nstudy = 1\ndesign = "grid"\ndraws = -1\n'
        b'shock_scale = [1, "x"]\n[[parameter]]\nname = "sigma_d"\nindex = ["*"]\nsd = -1\ncv = 2\n')


def path_seeds():
    # Their phases name ../scenarios/*.toml, which fuzz_path copies from runs/scenarios.
    for p in sorted((ROOT / "runs/paths").glob("*.toml")):
        put("fuzz_path", p.stem, read(p))
    put("fuzz_path", "minimal", b'name = "p"\nstart = 2015\nend = 2016\n')
    put("fuzz_path", "every_table", b'''name = "every_table"
start = 2015
end = 2030
dynamics_data = "growth.csv"
[dynamics]
accumulation = false
labour_growth = true
productivity = false
convergence = true
skill_upgrading = -0.01
capital = "CAP"
unskilled = "LAB_U"
skilled = "LAB_S"
[catch_up]
region = "VNM"
frontier = "CHN"
rate = 0.01
open_rate = 0.02
fdi_rate = 0.5
[peace_dividend]
region = "PRK"
from = 2020
years = 3
military_cut = 0.25
soldiers_released = 1
use = "households"
bvu_per_worker = 1e-6
[[phase]]
year = 2016
scenario = "../scenarios/status_quo.toml"
open = false
note = "x"
[[inflow]]
region = "PRK"
owner = "KOR"
from = 2018
to = 2030
amount = 0.25
note = "y"
''')
    put("fuzz_path", "bad_order", b'name = "p"\nend = 2020\n[[phase]]\nyear = 2019\n'
        b'scenario = "../scenarios/status_quo.toml"\n[[phase]]\nyear = 2017\n'
        b'scenario = "../scenarios/relief_phase1.toml"\n[[inflow]]\nregion = "PRK"\nfrom = 2015\n')


DYNAMICS_HEADER = b"parameter,region,factor,period,value,unit,status,source,note\n"


def dynamics_seeds():
    put("fuzz_dynamics", "korea2015", read(ROOT / "data/korea2015/dynamics.csv"))
    # Every period form, percent units, a gap, '*' and factor rows, a catch-up rate and level.
    put("fuzz_dynamics", "forms", b"# comment\n" + DYNAMICS_HEADER +
        b"labour_growth,KOR,LAB,2015-2025,-0.004,fraction/yr,derived,s,\n"
        b"labour_growth,KOR,LAB_S,2015-2025,1.2,% per year,derived,s,\n"
        b"gdp_growth,*,,2015-2045,2.5,percent,estimate,s,\n"
        b"depreciation,PRK,,2015,0.05,fraction/yr,published,s,\n"
        b"capital_output,PRK,,2015,2.8,ratio,published,\"a, quoted\",\n"
        b"soldiers,PRK,,2016,1280000,persons,published,s,\n"
        b"military_spending_share,PRK,,2015-2016,0.23,share of GDP,estimate,s,\n"
        b"tfp_catchup,VNM,,pre-1986,0.004,fraction/yr,derived,s,\n"
        b"tfp_catchup,VNM,,1986-2016,0.2,ratio to CHN,derived,s,\n"
        b"labour_force,KSZ,,2015,54000,persons,PLACEHOLDER no data,s,\n")
    # Two answers to one question (an error of the lookup, not of the reader).
    put("fuzz_dynamics", "conflict", DYNAMICS_HEADER +
        b"gdp_growth,KOR,,2015-2025,0.02,fraction/yr,derived,s,\n"
        b"gdp_growth,KOR,,2020,0.03,fraction/yr,derived,s,\n")
    put("fuzz_dynamics", "out_of_range", DYNAMICS_HEADER +
        b"depreciation,CHN,CAP,2015,1.5,fraction/yr,derived,s,\n")


def entry_seeds():
    put("fuzz_entry", "korea2015", read(ROOT / "data/korea2015/entry.csv"))
    put("fuzz_entry", "small", b"region,sector,donor,source\nPRK,ELE,CHN,s\nVNM,AGR,ROW,\"a, b\"\n")
    # A donor using a factor the host lacks; the donor itself, a row given twice, an empty source.
    put("fuzz_entry", "donor_input", b"region,sector,donor,source\nKSZ,TEX,KOR,s\n")
    put("fuzz_entry", "bad", b"region,sector,donor,source\nPRK,TEX,PRK,s\nPRK,LMF,CHN,s\n"
        b"PRK,LMF,VNM,s\nCHN,ELE,KOR,\n")


if __name__ == "__main__":
    clean()
    csv_seeds()
    database_seeds()
    toml_seeds()
    batch_seeds()
    path_seeds()
    dynamics_seeds()
    entry_seeds()
