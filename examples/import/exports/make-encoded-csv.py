#!/usr/bin/env python3
"""Writes the two exports of this example whose bytes matter and cannot be typed in an
editor without care: jira-sm.csv (UTF-8 with a byte-order mark and CRLF line ends, as Jira
Cloud writes it) and generic-gb18030.csv (GB18030, as a Chinese Excel saves "CSV").
Run it from this folder: python3 make-encoded-csv.py"""

import csv
import io

# --- Jira Service Management: Filters → Export → Export CSV (all fields) ---------------
jira_header = [
    "Summary", "Issue key", "Issue id", "Issue Type", "Status", "Priority", "Assignee",
    "Reporter", "Created", "Updated", "Resolved", "Custom field (Request Type)",
    "Custom field (Time to first response)", "Custom field (Time to resolution)", "Description",
]
jira_rows = [
    ["Email not syncing on phone", "SD-101", "10101", "[System] Incident", "Resolved", "Medium",
     "Zhou Min", "Li Na", "1/Sep/26 9:41 AM", "2/Sep/26 10:02 AM", "1/Sep/26 3:20 PM",
     "Get IT help", "0:35", "3:40", "Mail app shows \"cannot verify account\""],
    ["Payroll system 500 error", "SD-102", "10102", "[System] Incident", "Closed", "Highest",
     "Zhou Min", "Wang Qiang", "7/Sep/26 8:05 AM", "8/Sep/26 9:00 AM", "7/Sep/26 2:20 PM",
     "Report a system problem", "-0:10", "-2:15",
     "Since 08:00 every payroll user gets HTTP 500,\nincluding the HR director. Urgent."],
    ["New laptop for intern", "SD-103", "10103", "[System] Service request", "Closed", "Low",
     "Chen Jie", "Sun Li", "10/Sep/26 11:30 AM", "14/Sep/26 4:00 PM", "14/Sep/26 3:55 PM",
     "Request new hardware", "2:50", "10:05", "Standard laptop, Chinese keyboard"],
    ["Wi-Fi drops in meeting room 5B", "SD-104", "10104", "[System] Incident", "Closed", "High",
     "Chen Jie", "Gao Fei", "21/Sep/26 2:15 PM", "23/Sep/26 9:30 AM", "22/Sep/26 11:45 AM",
     "Report a system problem", "0:12", "-4:30", ""],
    ["Shared calendar missing", "SD-105", "10105", "[System] Incident", "Canceled", "Lowest",
     "", "Xu Hui", "29/Sep/26 4:50 PM", "30/Sep/26 9:05 AM", "",
     "Get IT help", "", "", "User found it under Other calendars"],
    ["CRM search very slow", "SD-106", "10106", "[System] Incident", "Waiting for support", "High",
     "Zhou Min", "Liu Yang", "19/Oct/26 10:20 AM", "27/Oct/26 5:10 PM", "",
     "Report a system problem", "0:25", "-30:40", ""],
    ["Install Visio", "SD-107", "10107", "[System] Service request", "In Progress", "Medium",
     "Chen Jie", "Zhao Min", "28/Oct/26 9:00 AM", "28/Oct/26 9:30 AM", "",
     "Get IT help", "0:30", "5:15", ""],
]
buf = io.StringIO()
w = csv.writer(buf, lineterminator="\r\n")
w.writerow(jira_header)
w.writerows(jira_rows)
with open("jira-sm.csv", "wb") as f:
    f.write(b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))

# --- A Chinese ITSM (e.g. 蓝鲸 BlueKing ITSM) ticket list saved by Excel as CSV: GB18030 --
cn_header = ["工单编号", "标题", "优先级", "创建时间", "首次响应时间", "解决时间", "关闭时间",
             "类别", "状态", "挂起时长(分钟)"]
cn_rows = [
    ["GD-2026-0901", "三楼打印机卡纸", "中", "2026-09-01 09:30:00", "2026-09-01 10:05:00",
     "2026-09-01 15:00:00", "2026-09-02 10:00:00", "桌面终端", "已关闭", "0"],
    ["GD-2026-0902", "财务部交换机端口故障,多人无法上网", "紧急", "2026-09-09 14:00:00",
     "2026-09-09 14:20:00", "2026-09-09 17:10:00", "2026-09-10 09:00:00", "网络故障", "已关闭", "45"],
    ["GD-2026-0903", "新员工电脑安装办公软件", "低", "2026-09-18 10:00:00", "2026-09-18 13:00:00",
     "2026-09-23 11:00:00", "2026-09-24 09:00:00", "软件安装", "已关闭", "960"],
    ["GD-2026-0904", "会议室投影仪无信号", "高", "2026-09-29 16:40:00", "2026-09-29 17:05:00",
     "2026-09-30 10:10:00", "-", "桌面终端", "已解决", "无"],
    ["GD-2026-1001", "重复提交(同 GD-2026-0904)", "高", "2026-09-29 16:45:00", "-", "-", "-",
     "桌面终端", "已取消", "无"],
    ["GD-2026-1002", "VPN 客户端无法连接", "中", "2026-10-12 09:15:00", "2026-10-12 09:50:00",
     "-", "-", "网络故障", "挂起", "1440"],
    ["GD-2026-1003", "显示器闪屏", "低", "2026-10-27 15:20:00", "2026-10-27 16:00:00", "-", "-",
     "桌面终端", "处理中", "0"],
]
buf = io.StringIO()
w = csv.writer(buf, lineterminator="\r\n")
w.writerow(cn_header)
w.writerows(cn_rows)
with open("generic-gb18030.csv", "wb") as f:
    f.write(buf.getvalue().encode("gb18030"))
