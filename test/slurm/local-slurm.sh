#!/usr/bin/env bash
# A real one-node Slurm cluster on this machine for the scale-out tests and CI (Debian, as root,
# no systemd): Debian's slurmctld, slurmd and munge, with kill_invalid_depend so that a job
# waiting on a failed array task is cancelled rather than left pending.
#
#   local-slurm.sh start   install if needed, write slurm.conf, start munged + slurmctld + slurmd, wait for idle
#   local-slurm.sh stop    stop them by the PIDs recorded at start: slurmd, then slurmctld, then munged
# The PIDs are kept in $SLURM_LOCAL_STATE (default /run/local-slurm.pids).
set -euo pipefail
STATE=${SLURM_LOCAL_STATE:-/run/local-slurm.pids}
pid_from() { for _ in $(seq 1 50); do [ -s "$1" ] && { cat "$1"; return; }; sleep 0.1; done; echo "no $1" >&2; exit 1; }

start() {
  if ! command -v slurmctld >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slurmctld slurmd slurm-client munge >/dev/null
  fi
  mkdir -p /etc/slurm /run/munge /var/spool/slurmctld /var/spool/slurmd /var/log/slurm
  cat > /etc/slurm/slurm.conf <<CONF
ClusterName=local
SlurmctldHost=localhost
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=/run/slurmctld.pid
SlurmdPidFile=/run/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/affinity
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SchedulerType=sched/backfill
SchedulerParameters=kill_invalid_depend
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
NodeName=localhost CPUs=$(nproc) RealMemory=$(( $(free -m | awk '/^Mem:/{print $2}') * 3 / 4 )) State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
  chown munge:munge /run/munge; chmod 755 /run/munge
  [ -s /etc/munge/munge.key ] || { mungekey --create --keyfile /etc/munge/munge.key; chown munge:munge /etc/munge/munge.key; chmod 400 /etc/munge/munge.key; }
  rm -f /run/munge/munged.pid /run/slurmctld.pid /run/slurmd.pid /var/spool/slurmctld/clustername   # a fresh cluster each start
  : > "$STATE"
  trap 'echo "slurm: start failed; see /var/log/slurm/" >&2; stop' ERR
  runuser -u munge -- /usr/sbin/munged; echo "$(pid_from /run/munge/munged.pid)" > "$STATE"
  /usr/sbin/slurmctld -c; echo "$(pid_from /run/slurmctld.pid) $(cat "$STATE")" > "$STATE"      # -c: forget old jobs
  /usr/sbin/slurmd -N localhost; echo "$(pid_from /run/slurmd.pid) $(cat "$STATE")" > "$STATE"
  for _ in $(seq 1 120); do sinfo -h -o %T 2>/dev/null | grep -qx idle && { echo "slurm: idle"; return; }; sleep 0.5; done
  tail -n 20 /var/log/slurm/*.log >&2; stop; exit 1
}

stop() {
  [ -s "$STATE" ] || return 0
  for p in $(cat "$STATE"); do          # slurmd, slurmctld, munged: each gone before the next
    kill "$p" 2>/dev/null || continue
    for _ in $(seq 1 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$p" 2>/dev/null && kill -9 "$p"
  done
  rm -f "$STATE"; echo "slurm: stopped"
}

case "${1:-}" in start) start ;; stop) stop ;; *) echo "usage: $0 start|stop" >&2; exit 2 ;; esac
