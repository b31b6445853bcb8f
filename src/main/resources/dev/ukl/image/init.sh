#!/bin/busybox sh
# Guest init, written into every initramfs by ukl: sets up a small normal
# userspace, runs the job ukl put in /etc/ukl/job, and ends the VM with the
# job's exit status through QEMU's isa-debug-exit device.
/bin/busybox --install -s /bin
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mount -t tmpfs tmpfs /tmp
ip link set lo up
if ip link show eth0 >/dev/null 2>&1; then
	ip addr add 10.0.2.15/24 dev eth0
	ip link set eth0 up
	ip route add default via 10.0.2.2
fi
# Jobs start once timekeeping is final. The kernel boots on tsc-early and moves
# to the calibrated clocksource about a second later (later still on a busy
# host); high-resolution timers start on the tick after that. A job that ran
# across that switch would see two different clocks, so wait for the kernel
# to say it happened. On a very busy host the TSC calibration can fail
# altogether: then jiffies are all the guest has, and that is final too.
# (Bounded: a guest where nothing settles goes on after 60 s and says so.)
cs_dir=/sys/devices/system/clocksource/clocksource0
timekeeping_final() {
	case "$(cat $cs_dir/current_clocksource 2>/dev/null)" in
	"" | tsc-early) return 1 ;;
	jiffies | refined-jiffies)
		for c in $(cat $cs_dir/available_clocksource); do
			case "$c" in jiffies | refined-jiffies) ;; *) return 1 ;; esac
		done
		return 0 ;;
	esac
	! grep -q "hres_active *: 0" /proc/timer_list 2>/dev/null
}
i=0
while ! timekeeping_final; do
	if [ $i -ge 1200 ]; then
		echo "ukl-guest: timekeeping not final after 60 s: $(cat $cs_dir/current_clocksource)"
		break
	fi
	usleep 50000
	i=$((i + 1))
done
echo "ukl-guest: userspace up (clocksource $(cat $cs_dir/current_clocksource))"
sh /etc/ukl/job
status=$?
echo "ukl-guest: job finished with status $status"
/bin/qemu-exit "$status"
# Without QEMU's exit device (a cluster's VM) the guest powers off through ACPI;
# init must not return, or the kernel panics.
poweroff -f
exec sleep 1000000
