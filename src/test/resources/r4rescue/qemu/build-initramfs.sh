#!/bin/sh
# Builds an OpenWrt-like BusyBox initramfs for the real-Linux shell test bed (testbeds.md §3).
# Usage: build-initramfs.sh KERNEL_VERSION OUTPUT.cpio.gz [builtin|stock]
# Variants (facts §12): "builtin" stands in for a kernel with NVMe built in (frank-w's, custom
# builds): nvme/ext4 load before the root is mounted and /proc/modules does not list them (Debian's
# kernel has them as modules: they sit in /boot/kmod, not /lib/modules). "stock" is stock OpenWrt
# with kmod-nvme: nvme.ko under /lib/modules/VERSION, listed in /proc/modules, no sfdisk, fdisk,
# lsblk or blkid, and root=/dev/nvme… waits forever ("Waiting for root device …") because a
# module cannot be loaded before the root is mounted without an initramfs.
# In both, a root on NVMe is mounted as the kernel does it (init/do_mounts.c): a /dev/root node
# with the partition's device number, so mount and df show /dev/root.
# The guest: busybox init with an askfirst console ("Please press Enter to activate this
# console."), prompt root@OpenWrt:~# , the nvme + ext4 modules, mkfs.ext4/sfdisk/lsblk/blkid
# copied from the host with their libraries, the real fw_printenv/fw_setenv over a redundant env
# on a namespace (/dev/nvme0n3, persistent across reboots like U-Boot's env partition), a stand-in
# sysupgrade, and an /init that plays U-Boot + kernel: it boots the root= named in the env's
# bootargs when that is an NVMe partition.
set -eu
KVER=$1
OUT=$2
VARIANT=${3:-builtin}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
R=$WORK/root
mkdir -p $R/bin $R/sbin $R/usr/bin $R/usr/sbin $R/etc/init.d $R/etc/config $R/proc $R/sys $R/dev \
    $R/tmp $R/run $R/mnt $R/root $R/lib/modules $R/rom/etc/config $R/overlay/upper/etc/config \
    $R/lib/upgrade/keep.d $R/www $R/usr/share/doc

cp /bin/busybox $R/bin/busybox
for a in $(/bin/busybox --list); do
    [ -e $R/bin/$a ] || ln -s busybox $R/bin/$a
done
ln -s ../bin/busybox $R/sbin/init

# Host tools with their libraries, as OpenWrt's packages would provide them.
copy_tool() {
    cp "$1" "$R$2"
    for lib in $(ldd "$1" | awk '/=>/ {print $3} /ld-linux/ {print $1}'); do
        mkdir -p "$R$(dirname "$lib")"
        [ -e "$R$lib" ] || cp -L "$lib" "$R$lib"
    done
}
copy_tool /usr/sbin/mke2fs /usr/sbin/mkfs.ext4
if [ "$VARIANT" = stock ]; then
    rm -f $R/bin/fdisk
else
    copy_tool /usr/sbin/sfdisk /usr/sbin/sfdisk
    copy_tool /usr/bin/lsblk /usr/bin/lsblk
    copy_tool /usr/sbin/blkid /usr/sbin/blkid
fi
# BusyBox's mke2fs applet link would shadow nothing, but blkid/lsblk must win over none.
cp /etc/mke2fs.conf $R/etc/mke2fs.conf 2>/dev/null || true

# Kernel modules: nvme and ext4 with their dependencies, in load order.
KMOD=$R/boot/kmod
[ "$VARIANT" = stock ] && KMOD=$R/lib/modules/$KVER
mkdir -p $KMOD
: > $KMOD/load.order
for m in nvme ext4; do
    modprobe -S "$KVER" --show-depends $m | awk '$1 == "insmod" {print $2}'
done | awk '!seen[$0]++' | while read -r ko; do
    base=$(basename "$ko")
    case "$ko" in
        *.xz) xz -dc "$ko" > $KMOD/${base%.xz} ; base=${base%.xz} ;;
        *.zst) zstd -qdc "$ko" > $KMOD/${base%.zst} ; base=${base%.zst} ;;
        *) cp "$ko" $KMOD/$base ;;
    esac
    echo "$base" >> $KMOD/load.order
done

cat > $R/etc/passwd <<'X'
root:x:0:0:root:/root:/bin/ash
X
cat > $R/etc/group <<'X'
root:x:0:
X
echo OpenWrt > $R/etc/hostname
cat > $R/etc/profile <<'X'
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root USER=root
export PS1='\u@\h:\w\$ '
cd /root
X
cat > $R/etc/inittab <<'X'
::sysinit:/etc/init.d/rcS
ttyS0::askfirst:-/bin/ash
::shutdown:/bin/umount -a -r
X
cat > $R/etc/init.d/rcS <<'X'
#!/bin/sh
grep -q ' /proc ' /proc/mounts 2>/dev/null || mount -t proc proc /proc
grep -q ' /sys ' /proc/mounts || mount -t sysfs sys /sys
grep -q ' /dev ' /proc/mounts || mount -t devtmpfs dev /dev
mkdir -p /tmp /run
hostname OpenWrt
# The env's bootargs are what U-Boot would pass: show them as /proc/cmdline.
fw_printenv -n bootargs > /dev/.cmdline 2>/dev/null && mount --bind /dev/.cmdline /proc/cmdline
# builtin variant: the drivers count as part of the kernel, so /proc/modules does not list them.
if [ -d /boot/kmod ]; then
    grep -v -E "^($(sed 's/\.ko$//; s/-/_/g' /boot/kmod/load.order | tr '\n' '|')x) " /proc/modules > /dev/.modules
    mount --bind /dev/.modules /proc/modules
fi
X
chmod +x $R/etc/init.d/rcS

# uboot-envtools: the real fw_printenv/fw_setenv (Debian's libubootenv-tool) on a REDUNDANT
# environment laid out like the BPI-R4's eMMC/SD one (OpenWrt's uboot-envtools mediatek_filogic:
# two copies of 0x40000, the second at +0x40000, flag byte) on /dev/nvme0n3, which keeps it across
# reboots like U-Boot's env partition. QemuLinux writes the first environment (both copies).
copy_tool /usr/bin/fw_printenv /usr/sbin/fw_printenv
copy_tool /usr/bin/fw_setenv /usr/sbin/fw_setenv
cat > $R/etc/fw_env.config <<'X'
/dev/nvme0n3	0x0	0x40000	0x40000	1
/dev/nvme0n3	0x40000	0x40000	0x40000	1
X
mkdir -p $R/var/lock

# sysupgrade stand-in: -l lists the files kept, -b FILE saves them (as OpenWrt's does).
cat > $R/sbin/sysupgrade <<'X'
#!/bin/sh
list() {
    { find /etc/config -type f; cat /etc/sysupgrade.conf /lib/upgrade/keep.d/* 2>/dev/null | grep -v '^#' ; } \
        | while read -r f; do [ -n "$f" ] && [ -e "$f" ] && echo "$f"; done | sort -u
}
case "${1:-}" in
    -l) list ;;
    -b) [ -n "${2:-}" ] || { echo "Usage: sysupgrade -b FILE" >&2; exit 1; }
        tar czf "$2" $(list) 2>/dev/null; rc=$?
        echo "Saving config files..."; exit $rc ;;
    *) echo "Usage: sysupgrade [-l | -b FILE]" >&2; exit 1 ;;
esac
X
chmod +x $R/sbin/sysupgrade

# Content to migrate and an OpenWrt-like /rom vs overlay pair.
cat > $R/etc/config/network <<'X'
config interface 'lan'
	option proto 'static'
	option ipaddr '192.168.1.1'
X
cp $R/etc/config/network $R/rom/etc/config/network
echo "config system" > $R/etc/config/system
cp $R/etc/config/system $R/rom/etc/config/system
printf '## This file contains files and directories that should\n## be preserved during an upgrade.\n\n/etc/dropbear/\n' > $R/etc/sysupgrade.conf
cp $R/etc/sysupgrade.conf $R/rom/etc/sysupgrade.conf
echo "/etc/passwd" > $R/lib/upgrade/keep.d/base-files
mkdir -p $R/etc/dropbear
echo "ssh-ed25519 AAAA test@host" > $R/etc/dropbear/authorized_keys
# A file the user changed that sysupgrade.conf does not keep: in the overlay, not in /rom.
echo "0 3 * * * /root/backup.sh" > $R/etc/crontab.root
cp $R/etc/crontab.root $R/overlay/upper/etc/crontab.root
cp $R/etc/config/network $R/overlay/upper/etc/config/network
i=0
while [ $i -lt 40 ]; do
    head -c $((i * 997 + 13)) /dev/urandom > $R/www/file$i.bin
    i=$((i + 1))
done
echo "R4 Rescue test bed" > $R/usr/share/doc/README
ln -s ../usr/share/doc/README $R/root/readme.link
echo "DISTRIB_ID='OpenWrt'" > $R/etc/openwrt_release
echo "DISTRIB_RELEASE='24.10.1'" >> $R/etc/openwrt_release

# The opkg database: every file under /etc belongs to base-files except the user's crontab.
mkdir -p $R/usr/lib/opkg/info
(cd $R && find etc -type f | grep -v crontab.root | sed 's|^|/|') > $R/usr/lib/opkg/info/base-files.list

# /init: what U-Boot + the kernel do on the board, in miniature.
cat > $R/init <<'X'
#!/bin/sh
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
KMOD=$(dirname $(ls /boot/kmod/load.order /lib/modules/*/load.order 2>/dev/null | head -n 1))
# U-Boot reads its environment from its own flash: the stand-in needs nvme for that (nvme0n3).
for m in $(cat $KMOD/load.order); do insmod $KMOD/$m 2>/dev/null; done
i=0
while [ ! -b /dev/nvme0n3 ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
root=$(/usr/sbin/fw_printenv -n bootargs 2>/dev/null | tr ' ' '\n' | sed -n 's/^root=//p')
case "$root" in
    /dev/nvme*)
        if [ "$KMOD" != /boot/kmod ]; then
            # stock: the kernel looks for root= before any module can load; it waits forever.
            echo "Waiting for root device $root..."
            while :; do sleep 3600; done
        fi
        mkdir -p /newroot
        dev=$(cat /sys/class/block/${root#/dev/}/dev 2>/dev/null)
        [ -n "$dev" ] && mknod /dev/root b ${dev%:*} ${dev#*:}
        if [ -n "$dev" ] && mount -t ext4 /dev/root /newroot 2>/dev/null && [ -x /newroot/sbin/init ]; then
            echo "EXT4-fs: mounted root $root" > /dev/kmsg
            mount --move /proc /newroot/proc
            mount --move /sys /newroot/sys
            mount --move /dev /newroot/dev
            exec switch_root /newroot /sbin/init
        fi
        echo "VFS: Cannot open root device \"${root#/dev/}\"; staying on the initramfs" ;;
esac
exec /sbin/init
X
chmod +x $R/init

(cd $R && find . | cpio -o -H newc --quiet) | gzip -1 > "$OUT"
