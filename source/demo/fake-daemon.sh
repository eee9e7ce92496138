#!/usr/bin/env bash
# A simulated Wazuh daemon for the wazuh-metrics demo, run by a copy of bash linked under the
# daemon's name, with this file as its script argument (layout.ts writes a copy into the fleet dir;
# the shebang line is for shellcheck and readers, never used to start it). It does what its shape asks (WAZUH_DEMO_* variables, see
# shape-env.ts), reports in status/<pid>.json, prints "ready" once set up and dies with its parent.
# It forks nothing but the children its shape asks for: any other fork would show up as a child of
# the daemon. Times are in microseconds of the wall clock, CPU in clock ticks from /proc.
LC_ALL=C
set -f +m
shopt -s execfail
[[ -n ${PATH-} ]] || PATH=/usr/bin:/bin

# Bash 5 has a microsecond clock; older ones fall back to /proc/uptime (centiseconds).
if (( BASH_VERSINFO[0] >= 5 )); then
	clock() { now=${EPOCHREALTIME//[!0-9]/}; now=$((10#$now)); }
else
	clock() { local up rest; read -r up rest < /proc/uptime; up=${up//[!0-9]/}; now=$((10#$up * 10000)); }
fi

# utime + stime (ticks) and the parent of this process, read by the builtin: no subshell.
read_stat() {
	local line
	read -r line < "/proc/$self/stat"
	# The command name may hold spaces and parentheses: the fields start after the last ')'.
	# shellcheck disable=SC2206 # split on spaces on purpose, globbing is off (set -f); read -a would need a here-string
	local -a field=(${line##*') '})
	ppid_now=${field[1]}
	ticks=$(( field[11] + field[12] ))
}

# Sets REPLY to the variable named $1 if it holds a plain number, else to $2. Never evaluates the
# value as an expression: an environment could smuggle commands into bash arithmetic.
number() {
	local value=${!1-}
	if [[ $value =~ ^[0-9]{1,15}$ ]]; then REPLY=$((10#$value)); else REPLY=$2; fi
}

load_shape() {
	local p=$1
	number "${p}CPU_MILLI" 0; cpu_milli=$REPLY
	number "${p}BURST_EVERY_MS" 0; burst_every=$(( REPLY * 1000 ))
	number "${p}BURST_LENGTH_MS" 0; burst_length=$(( REPLY * 1000 ))
	number "${p}BURST_CPU_MILLI" 0; burst_milli=$REPLY
	number "${p}MEMORY_BYTES" 0; memory_bytes=$REPLY
	number "${p}GROWTH_BYTES_PER_MIN" 0; growth_per_min=$REPLY
	number "${p}FDS" 0; fds=$REPLY
	number "${p}FD_CHURN" 0; fd_churn=$REPLY
	number "${p}WRITE_BYTES_PER_SEC" 0; write_per_sec=$REPLY
	number "${p}CHILDREN" 0; children=$REPLY
	number "${p}CHURN_EVERY_MS" 0; churn_every=$(( REPLY * 1000 ))
	number "${p}CHURN_LIFE_MS" 0; churn_life=$(( REPLY * 1000 ))
	number "${p}CHURN_MAX_ALIVE" 0; churn_max=$REPLY
	if (( burst_every == 0 || burst_length == 0 )); then burst_every=0 burst_length=0 burst_milli=$cpu_milli; fi
	(( burst_length > burst_every )) && burst_length=$burst_every
}

# Sleeps until $1 (clock time) or until stdin, a pipe from the parent that is never written, says
# something. Returns 1 at its end of file: the parent is gone. A trapped signal cuts the sleep.
nap() {
	local us=$(( $1 - now )) seconds
	(( us < 1000 )) && us=1000
	printf -v seconds '%d.%06d' $(( us / 1000000 )) $(( us % 1000000 ))
	read -r -t "$seconds" -u 0 _
	(( $? != 1 ))
}

# --- what the status file says -------------------------------------------------------------------

# What the test suite checks /proc against (test/helpers/fake-status.ts reads it, retrying a torn
# read); a daemon waits for its workers' files to exist (start_workers). Rewritten in place at a
# fixed padded size, and only when it changed, so it rarely dirties a new page (that would show in
# write_bytes).
publish() {
	local kids=${workers[*]}
	local json="{\"pid\":$self,\"name\":\"$name\",\"extraFds\":${#held[@]},\"bytesWritten\":$written,\"memoryBytes\":$memory,\"children\":[${kids// /,}]"
	if (( cpu_active )); then
		json+=",\"cpu\":{\"baseTicks\":$base_ticks,\"ticks\":$ticks,\"owedUs\":$(( owed / 1000 )),\"forgivenUs\":$(( forgiven / 1000 )),\"wallUs\":$(( cpu_last - cpu_start )),\"starvedSlices\":$starved}"
	fi
	json+='}'
	[[ $json == "$last_status" ]] && return
	last_status=$json
	printf '%-*s' $(( (${#json} + 1 + 1023) / 1024 * 1024 )) "$json" 2>/dev/null 1<>"$status_file"
}

# --- memory -----------------------------------------------------------------------------------

# printf writes every byte of the string: private, resident memory, kept in a variable.
hold_memory() {
	local left=$memory_bytes step
	while (( left > 0 )); do
		step=$(( left < 67108864 ? left : 67108864 ))
		# Straight into the array: a copy through another variable would leave garbage behind.
		printf -v "held_memory[${#held_memory[@]}]" '%*s' "$step" ''
		(( left -= step, memory += step ))
	done
}

# A slow leak, once a second in whole pages, capped so a long demo cannot hurt the machine.
grow_step() {
	(( grow_owed += growth_per_min ))
	local bytes=$(( grow_owed / 60 / 4096 * 4096 )) left=$(( 268435456 - grown ))
	(( bytes > left )) && bytes=$left
	(( bytes > 0 )) || return 0
	printf -v "held_memory[${#held_memory[@]}]" '%*s' "$bytes" ''
	(( grow_owed -= bytes * 60, grown += bytes, memory += bytes ))
}

# --- file descriptors ----------------------------------------------------------------------------

set_fds() {
	local fd
	while (( ${#held[@]} < $1 )); do
		exec {fd}</dev/null
		held+=("$fd")
	done
	while (( ${#held[@]} > $1 )); do
		fd=${held[-1]}
		exec {fd}<&-
		unset 'held[-1]'
	done
}

# Re-draws the count within fds +- fd_churn.
churn_fds() {
	local target=$(( fds + RANDOM % (2 * fd_churn + 1) - fd_churn ))
	set_fds $(( target < 0 ? 0 : target ))
}

# --- writes --------------------------------------------------------------------------------------

# Whole pages appended: each write dirties exactly the pages it covers, and the kernel counts a
# page in write_bytes when it is dirtied, so write_bytes grows by about the bytes written.
write_step() {
	(( write_owed += write_per_sec ))
	local bytes=$(( write_owed / 4 / 4096 * 4096 ))
	(( bytes > 4194304 )) && bytes=4194304
	(( bytes > 0 )) || return 0
	while (( ${#write_text} < bytes )); do write_text+=$write_page; done
	(( ${#write_text} > bytes )) && write_text=${write_text:0:bytes}
	# Start the file over now and then, so a long demo does not fill the disk.
	if (( log_bytes > 67108864 )); then
		: 2>/dev/null >"$log_file"
		log_bytes=0
	fi
	if printf '%s' "$write_text" 2>/dev/null >>"$log_file"; then
		(( write_owed -= bytes * 4, written += bytes, log_bytes += bytes ))
	else
		# Disk full or the fleet dir going away: try again later, without a backlog.
		(( write_owed > write_per_sec * 4 )) && write_owed=$(( write_per_sec * 4 ))
	fi
}

# --- CPU -----------------------------------------------------------------------------------------

# Burst time (µs) in [0, $1): windows end on multiples of burst_every, so the first burst comes
# after burst_every - burst_length.
burst_time() {
	# shellcheck disable=SC2017 # whole windows before $1 times the burst in each: the division must come first
	bt=$(( $1 / burst_every * burst_length ))
	local phase=$(( $1 % burst_every - (burst_every - burst_length) ))
	(( phase > 0 )) && (( bt += phase ))
	return 0
}

# The busy fraction (thousandths) at $1 µs since the CPU start.
fraction_at() {
	fraction=$cpu_milli
	(( burst_every && $1 % burst_every >= burst_every - burst_length )) && fraction=$burst_milli
	return 0
}

# A duty cycle: the CPU owed (fraction x wall time, exactly, in µs x thousandths) is spun off until
# the CPU time the kernel accounts to us (utime + stime) catches up with it, so a busy machine
# does not lower the average. Capped: a long stall is not paid back as a long spin, and what the
# cap drops is counted as forgiven. Everything else this process does is paid from the same CPU.
cpu_slice() {
	local t0=$(( cpu_last - cpu_start )) t1=$(( now - cpu_start ))
	(( owed += cpu_milli * (t1 - t0) ))
	if (( burst_every )); then
		burst_time "$t0"
		local before=$bt
		burst_time "$t1"
		(( owed += (burst_milli - cpu_milli) * (bt - before) ))
	fi
	cpu_last=$now
	fraction_at "$t1"
	read_stat
	local cap=$(( 2 * slice * fraction + 10000000 ))
	local excess=$(( owed - (ticks - base_ticks) * 10000000 - cap ))
	if (( excess > 0 )); then (( forgiven += excess, owed -= excess )); fi
	local limit=$(( now + 3 * slice ))
	while (( (ticks - base_ticks) * 10000000 < owed )); do
		if (( now >= limit )); then
			(( starved++ ))
			break
		fi
		read_stat
		clock
	done
	if (( fraction > 0 )); then
		next_cpu=$(( now + slice * (1000 - fraction) / 1000 ))
		return
	fi
	# Idle until the window that changes the fraction: the next burst (or the end of an idle one).
	local phase=$(( t1 % burst_every )) start=$(( burst_every - burst_length ))
	if (( phase < start )); then
		next_cpu=$(( cpu_start + t1 - phase + start ))
	else
		next_cpu=$(( cpu_start + t1 - phase + burst_every ))
	fi
}

# --- children ------------------------------------------------------------------------------------

# What a forked child must not keep from its parent: fds, memory, children, traps.
forget_parent() {
	local fd
	for fd in "${held[@]}"; do exec {fd}<&-; done
	held=() held_memory=() workers=() churning=() churn_born=() memory=0 written=0 grown=0
	write_text=
	trap - CHLD
}

# A short-lived child: sleeps its life out (and dies with its parent), then leaves. It writes no
# status; SIGTERM's default action is all it needs.
churn_child() {
	self=$BASHPID
	forget_parent
	read_stat
	local parent=$ppid_now end
	clock
	end=$(( now + churn_life ))
	while (( now < end )); do
		nap $(( end < now + 1000000 ? end : now + 1000000 )) || exit 0
		read_stat
		(( ppid_now == parent )) || exit 0
		clock
	done
	exit 0
}

worker() {
	self=$BASHPID
	status_file=$dir/status/$self.json
	trap stop TERM INT HUP
	forget_parent
	load_shape WAZUH_DEMO_CHILD_
	children=0 churn_every=0
	RANDOM=$(( seed + $1 ))
	role=worker
	# Only a ppid check notices a SIGKILLed parent: the stdin pipe is the supervisor's.
	idle=1000000
	run
}

# Long-lived children start one after another, each once the previous one is ready (its status
# file exists) plus a gap, so their start times differ: downstream orders them by start time, and
# /proc start times have a 10 ms resolution.
start_workers() {
	local index pid deadline
	for (( index = 0; index < children; index++ )); do
		if (( index > 0 )); then
			clock
			nap $(( now + 50000 )) || stop
		fi
		( worker "$index" ) 0<&0 &
		pid=$!
		workers+=("$pid")
		clock
		deadline=$(( now + 20000000 ))
		until [[ -e $dir/status/$pid.json ]]; do
			kill -0 "$pid" 2>/dev/null || { echo "worker $pid of $name exited before it was ready" >&2; stop 1; }
			(( now < deadline )) || { echo "worker $pid of $name not ready after 20 s" >&2; stop 1; }
			nap $(( now + 10000 )) || stop
			clock
		done
	done
}

# Bash reaps a child only when a sleep (read -t) ends, not when SIGCHLD comes: so we wake up when
# the oldest short-lived child is due to end, or it would linger as a zombie until the next wake.
forget_dead_churn() {
	local index alive=() born=()
	for index in "${!churning[@]}"; do
		if kill -0 "${churning[index]}" 2>/dev/null; then
			alive+=("${churning[index]}")
			born+=("${churn_born[index]}")
		fi
	done
	churning=("${alive[@]}") churn_born=("${born[@]}")
	# A shell without job control keeps every finished job until it lists them: with children
	# coming and going all day, that table would only grow.
	jobs >/dev/null
	next_reap=0
	(( ${#churning[@]} )) || return 0
	next_reap=$(( churn_born[0] + churn_life + 5000 ))
	(( next_reap > now )) || next_reap=$(( now + 20000 ))
}

churn_step() {
	forget_dead_churn
	# Bounded, so a slow machine, where children start slower than asked, cannot pile them up.
	if (( ${#churning[@]} < churn_max )); then
		( churn_child ) 0<&0 &
		churning+=("$!") churn_born+=("$now")
		(( next_reap )) || next_reap=$(( now + churn_life + 5000 ))
	fi
	(( next_churn += churn_every ))
	(( next_churn < now )) && next_churn=$(( now + churn_every ))
	return 0
}

# A long-lived child that died shows as gone from the status at once (SIGCHLD wakes us).
forget_dead_workers() {
	local pid alive=()
	for pid in "${workers[@]}"; do kill -0 "$pid" 2>/dev/null && alive+=("$pid"); done
	workers=("${alive[@]}")
	reaped=0
}

# --- life ----------------------------------------------------------------------------------------

# Reaps our own children before leaving, so none is orphaned or left a zombie, then removes the
# status file. rm replaces this process (exec): removing a file from bash needs a program, and a
# fork would add a child.
stop() {
	trap '' TERM INT HUP
	trap - CHLD
	local pid
	for pid in "${workers[@]}" "${churning[@]}"; do kill -TERM "$pid" 2>/dev/null; done
	wait
	(( ${1:-0} )) && exit "$1"
	exec rm -f -- "$status_file"
	exit 0
}

run() {
	read_stat
	parent=$ppid_now
	hold_memory
	set_fds "$fds"
	cpu_active=$(( cpu_milli > 0 || burst_milli > 0 ))
	next_cpu=0 next_second=0 next_write=0 next_churn=0 next_reap=0
	# A worker that dies is reaped (and leaves the status) on the next wake.
	(( children > 0 && idle > 1000000 )) && idle=1000000
	clock
	if (( cpu_active )); then
		cpu_start=$now cpu_last=$now next_cpu=$now
		read_stat
		base_ticks=$ticks
	fi
	(( fd_churn > 0 || growth_per_min > 0 )) && next_second=$(( now + 1000000 ))
	(( write_per_sec > 0 )) && next_write=$(( now + 250000 ))
	(( churn_every > 0 && churn_max > 0 )) && next_churn=$(( now + churn_every ))
	publish
	[[ $role == daemon ]] && printf 'ready\n'
	local due next
	while :; do
		clock
		read_stat
		(( ppid_now == parent )) || stop
		(( reaped )) && forget_dead_workers
		(( next_cpu && now >= next_cpu )) && cpu_slice
		if (( next_second && now >= next_second )); then
			(( fd_churn > 0 )) && churn_fds
			(( growth_per_min > 0 )) && grow_step
			(( next_second += 1000000 ))
			(( next_second < now )) && next_second=$(( now + 1000000 ))
		fi
		if (( next_write && now >= next_write )); then
			write_step
			(( next_write += 250000 ))
			(( next_write < now )) && next_write=$(( now + 250000 ))
		fi
		(( next_reap && now >= next_reap )) && forget_dead_churn
		(( next_churn && now >= next_churn )) && churn_step
		publish
		due=$(( now + idle ))
		for next in "$next_cpu" "$next_second" "$next_write" "$next_churn" "$next_reap"; do
			(( next && next < due )) && due=$next
		done
		nap "$due" || stop
	done
}

# --- start ---------------------------------------------------------------------------------------

self=$BASHPID
dir=${WAZUH_DEMO_DIR-}
if [[ -z $dir ]]; then
	echo "fake daemon: WAZUH_DEMO_DIR is not set" >&2
	exit 1
fi
status_file=$dir/status/$self.json
trap stop TERM INT HUP
trap 'reaped=1' CHLD
read -r -d '' argv0 < "/proc/$self/cmdline"
# The name a monitor would see: the script for interpreters, else the executable.
name=${argv0##*/}
[[ $name == python* ]] && name=${0##*/}
log_file=$dir/logs/${name%.py}.log
write_page="$name: INFO: simulated event for the wazuh-metrics demo"$'\n'
while (( ${#write_page} < 4096 )); do write_page+=$write_page; done
write_page=${write_page:0:4095}$'\n'
number WAZUH_DEMO_SEED 1
seed=$REPLY
RANDOM=$seed
held=() held_memory=() workers=() churning=() churn_born=()
memory=0 written=0 grown=0 grow_owed=0 write_owed=0 log_bytes=0 owed=0 forgiven=0 starved=0
ticks=0 base_ticks=0 cpu_start=0 cpu_last=0 reaped=0 last_status=
slice=100000
role=daemon
# An idle daemon only wakes to check on its parent; the lifeline on stdin wakes it sooner.
idle=60000000
load_shape WAZUH_DEMO_
start_workers
run
