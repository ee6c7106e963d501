#!/usr/bin/env bash
# Copies the grid registry and the rule file from deploy/config into the kustomize base (kustomize reads
# only files under its root). Run after editing either; a unit test fails while the copies differ.
set -euo pipefail
cd "$(dirname "$0")"
cp ../config/longgang-grids.yaml base/files/longgang-grids.yaml
cp ../config/rules.yaml base/files/rules.yaml
echo "deploy/k8s/base/files synced from deploy/config"
