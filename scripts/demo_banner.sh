#!/usr/bin/env bash
host=$1; port=$2
cat <<TXT

============================================================
 InnoLadder 科创企业梯度培育平台 — 演示环境 (SQLite)
 地址 URL:  http://${host}:${port}/
 演示账号 (密码均为 Golmud#2023demo):
   admin       园区管理员（全部园区业务）*
   officer     园区工作人员（格尔木工业园）
   agency      服务机构
   enterprise  企业用户（青海蓝科锂业股份有限公司）
   auditor     审计员 *
   delingha    园区工作人员（德令哈工业园）
   regional    区域管理人员（海西州：两个园区合计，只读）*
  三权分立（各管一摊，互不越权）:
   sysadmin    系统管理员：园区、规则参数等系统配置 *
   secadmin    安全管理员：账户、角色、凭据重置 *
   secadmin2   安全管理员（双人复核：批准 secadmin 的申请）*
   auditadmin  审计管理员：审计日志 *
 * 首次登录须用手机验证器（TOTP）扫码绑定双因素认证，并保存恢复码。
 无需登录: http://${host}:${port}/assessments/calculator/  政策计算器
 按 Ctrl+C 停止服务器与后台任务进程。
============================================================

TXT
