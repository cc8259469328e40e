#!/bin/sh
# Re-runs the five imports of this example. The files under incidents/imported/ are what
# these commands write; a test compares them byte for byte with a fresh import.
# 重新执行本示例的五次导入;incidents/imported/ 下的文件即这些命令的输出。
#
#   examples/import/import.sh                  # uses `itos` from PATH
#   ITOS="cargo run -q --" examples/import/import.sh
set -eu
ITOS=${ITOS:-itos}
here=$(cd "$(dirname "$0")" && pwd)
x="$here/exports"

$ITOS import incidents "$x/servicenow.csv" --preset servicenow --service service-desk -C "$here"
$ITOS import incidents "$x/servicenow-events.csv" --preset servicenow-events --service service-desk -C "$here"
$ITOS import incidents "$x/jira-sm.csv" --preset jira-sm --service service-desk -C "$here"
$ITOS import incidents "$x/zammad.xlsx" --preset zammad --service desktop-support -C "$here"
$ITOS import incidents "$x/generic-gb18030.csv" --mapping "$here/mappings/itsm-cn.toml" -C "$here"
