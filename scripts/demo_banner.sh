#!/usr/bin/env bash
host=$1; port=$2
cat <<TXT

============================================================
 InnoLadder 科创企业梯度培育平台 — 演示环境 (SQLite)
 地址 URL:  http://${host}:${port}/
 演示账号 (密码均为 Golmud#2023demo):
   admin       系统管理员
   officer     园区工作人员（格尔木工业园）
   agency      服务机构
   enterprise  企业用户（青海蓝科锂业股份有限公司）
   auditor     审计员
 无需登录: http://${host}:${port}/assessments/calculator/  政策计算器
 按 Ctrl+C 停止服务器与后台任务进程。
============================================================

TXT
