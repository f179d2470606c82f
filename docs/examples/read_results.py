"""Read one variable of a Peninsula results file into a labelled table.

Usage: python3 read_results.py RESULTS.h5 [SCENARIO] [VARIABLE]
Prints the variable as rows of labels and a value, and the solver summary.
Needs h5py and numpy (Debian: python3-h5py python3-numpy); pandas is optional.
"""
import sys

import h5py
import numpy as np


def read_variable(path, scenario, name):
    """Returns (dims, labels per dim, values, unit) for one variable of one scenario."""
    with h5py.File(path, "r") as f:
        group = f["benchmark"] if scenario == "benchmark" else f["scenarios"][scenario]
        if scenario != "benchmark" and group.attrs["converged"] != 1:
            raise ValueError(f"scenario {scenario} did not converge: {group.attrs['status']}")
        data = group["variables"][name]
        dims = [str(d) for d in data.attrs["dims"]]
        labels = [[s.decode() if isinstance(s, bytes) else s for s in f["sets"][d][()]] for d in dims]
        return dims, labels, np.asarray(data[()]), data.attrs["unit"]


def to_rows(dims, labels, values):
    """Long format: one (label, ..., value) row per defined cell (NaN prices are skipped)."""
    rows = []
    for index in np.ndindex(values.shape):
        value = float(values[index])
        if not np.isnan(value):
            rows.append(tuple(labels[d][i] for d, i in enumerate(index)) + (value,))
    return rows


def main():
    path = sys.argv[1]
    scenario = sys.argv[2] if len(sys.argv) > 2 else "benchmark"
    name = sys.argv[3] if len(sys.argv) > 3 else "PX"
    dims, labels, values, unit = read_variable(path, scenario, name)
    rows = to_rows(dims, labels, values)
    try:
        import pandas as pd
        print(pd.DataFrame(rows, columns=dims + [name]).to_string(index=False))
    except ImportError:
        print("\t".join(dims + [name]))
        for row in rows:
            print("\t".join(str(x) for x in row))
    print(f"({len(rows)} values, unit: {unit})")


if __name__ == "__main__":
    main()
