#!/bin/sh
# Builds an OpenWrt-like BusyBox initramfs for the real-Linux shell test bed (testbeds.md §3).
# Usage: build-initramfs.sh KERNEL_VERSION OUTPUT.cpio.gz [builtin|stock|stock_block_mount]
# Variants (facts §12): "builtin" stands in for a kernel with NVMe built in (frank-w's, custom
# builds): nvme/ext4 load before the root is mounted and /proc/modules does not list them (Debian's
# kernel has them as modules: they sit in /boot/kmod, not /lib/modules). "stock" is stock OpenWrt
# with kmod-nvme: nvme.ko under /lib/modules/VERSION, listed in /proc/modules, no sfdisk, fdisk,
# lsblk or blkid, and root=/dev/nvme… waits forever ("Waiting for root device …") because a
# module cannot be loaded before the root is mounted without an initramfs. Both stock variants boot
# as OpenWrt's preinit does (fstools mount_root): / is an overlayfs of /rom (the image) and /overlay,
# the flash's rootfs_data (here /dev/vda, a disk that keeps its data across reboots); BusyBox without
# the applets OpenWrt's build leaves out (migrate.json openwrtBusybox: od, stat, blockdev, ...); uci;
# insmod/rmmod that take a module name (ubox's). "stock_block_mount" has block-mount installed:
# /sbin/block runs `block extroot` at preinit, modelled on fstools' block.c (migrate.json "fstoolsBlock").
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
STOCK=
case "$VARIANT" in stock*) STOCK=1 ;; esac
if [ -n "$STOCK" ]; then
    # OpenWrt's BusyBox build (Config-defaults.in) has none of these applets
    for a in fdisk od xxd blockdev blkid stat lspci; do rm -f $R/bin/$a; done
    # block's own probe (libblkid-tiny in fstools) stands in as util-linux blkid, off the PATH
    mkdir -p $R/usr/lib/bed
    copy_tool /usr/sbin/blkid /usr/lib/bed/blkid
else
    copy_tool /usr/sbin/sfdisk /usr/sbin/sfdisk
    copy_tool /usr/bin/lsblk /usr/bin/lsblk
    copy_tool /usr/sbin/blkid /usr/sbin/blkid
fi
# BusyBox's mke2fs applet link would shadow nothing, but blkid/lsblk must win over none.
cp /etc/mke2fs.conf $R/etc/mke2fs.conf 2>/dev/null || true

# Kernel modules: nvme and ext4 with their dependencies, in load order.
KMOD=$R/boot/kmod
MODS="nvme ext4"
# stock: modules where kmodloader finds them; the flash stand-in (virtio) and overlayfs are modules in Debian's kernel too
[ -n "$STOCK" ] && KMOD=$R/lib/modules/$KVER && MODS="nvme ext4 virtio_pci virtio_blk overlay"
mkdir -p $KMOD
: > $KMOD/load.order
for m in $MODS; do
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
# stock: OpenWrt's /tmp is a tmpfs, and block-mount's init script mounts the fstab's other entries
grep -q '^overlayfs:/overlay / ' /proc/mounts && mount -t tmpfs tmpfs /tmp
[ -x /sbin/block ] && /sbin/block mount
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

if [ -n "$STOCK" ]; then
# uci (OpenWrt base): the subset fstab needs. [-q] [-c DIR] get|set|delete|show|commit|revert.
# Changes wait in /tmp/.uci/CONFIG (lost at reboot, like uci's deltas) until commit writes DIR/CONFIG.
cat > $R/sbin/uci <<'X'
#!/bin/sh
Q= ; DIR=/etc/config
while :; do case "${1:-}" in -q) Q=1; shift ;; -c) DIR=$2; shift 2 ;; *) break ;; esac; done
cmd=${1:-}; arg=${2:-}
fail() { [ -n "$Q" ] || echo "uci: $1" >&2; exit 1; }
[ -n "$cmd" ] || { echo "Usage: uci [<options>] <command> [<arguments>]" >&2; exit 1; }
key=${arg%%=*}; val=; case "$arg" in *=*) val=${arg#*=} ;; esac
pkg=${key%%.*}; rest=; sec=; opt=
case "$key" in *.*) rest=${key#*.}; sec=${rest%%.*}; case "$rest" in *.*) opt=${rest#*.} ;; esac ;; esac
[ -n "$pkg" ] || fail "Invalid argument"
STAGED=/tmp/.uci/$pkg
cur=$DIR/$pkg; [ -f "$STAGED" ] && cur=$STAGED
[ -f "$cur" ] || fail "Entry not found"
# the file as records: S<TAB>section<TAB>type, O<TAB>section<TAB>option<TAB>value
parse() {
    awk -v q="'" 'function unq(s) { if (length(s) > 1 && (substr(s, 1, 1) == q || substr(s, 1, 1) == "\"")) return substr(s, 2, length(s) - 2); return s }
        $1 == "config" { n = $3 == "" ? "@" $2 "[" c[$2]++ "]" : unq($3); print "S\t" n "\t" $2 }
        $1 == "option" { v = $0; sub(/^[ \t]*option[ \t]+[^ \t]+[ \t]+/, "", v); print "O\t" n "\t" $2 "\t" unq(v) }' "$cur"
}
stage() {
    mkdir -p /tmp/.uci
    awk -F '\t' -v q="'" '$1 == "S" { if (NR > 1) print ""; print "config " $3 (substr($2, 1, 1) == "@" ? "" : " " q $2 q) }
        $1 == "O" { print "\toption " $3 " " q $4 q } END { print "" }' > "$STAGED.new" && mv "$STAGED.new" "$STAGED"
}
case "$cmd" in
    get) parse | awk -F '\t' -v s="$sec" -v o="$opt" '$1 == "S" && $2 == s && o == "" { print $3; f = 1 }
            $1 == "O" && $2 == s && $3 == o { print $4; f = 1 } END { exit !f }' || fail "Entry not found" ;;
    show) parse | awk -F '\t' -v p="$pkg" -v s="$sec" -v q="'" '$1 == "S" && (s == "" || $2 == s) { print p "." $2 "=" $3 }
            $1 == "O" && (s == "" || $2 == s) { print p "." $2 "." $3 "=" q $4 q }' ;;
    set) [ -n "$sec" ] && case "$arg" in *=*) true ;; *) false ;; esac || fail "Invalid argument"
        out=$(parse | awk -F '\t' -v s="$sec" -v o="$opt" -v v="$val" '
            $1 == "S" { if (in_s && o != "" && !done) { print "O\t" s "\t" o "\t" v; done = 1 }
                in_s = $2 == s; if (in_s) { found = 1; if (o == "") { print "S\t" s "\t" v; done = 1; next } } print; next }
            $1 == "O" { if (in_s && $3 == o) { if (!done) print "O\t" s "\t" o "\t" v; done = 1; next } print }
            END { if (in_s && o != "" && !done) { print "O\t" s "\t" o "\t" v; done = 1 }
                if (!found && o == "") { print "S\t" s "\t" v; done = 1 }
                if (!done) exit 1 }') || fail "Invalid argument"
        printf '%s\n' "$out" | stage ;;
    delete) out=$(parse | awk -F '\t' -v s="$sec" -v o="$opt" '$2 == s && (o == "" || ($1 == "O" && $3 == o)) { f = 1; next } { print } END { exit !f }') \
            || fail "Entry not found"
        printf '%s\n' "$out" | stage ;;
    commit) if [ -f "$STAGED" ]; then cp "$STAGED" "$DIR/$pkg" && rm -f "$STAGED" || fail "I/O error"; fi ;;
    revert) rm -f "$STAGED" ;;
    *) fail "Invalid argument" ;;
esac
X
chmod +x $R/sbin/uci
# ubox's insmod takes a module name and finds it under /lib/modules/VERSION; OpenWrt's BusyBox has no od,
# stat, ... (Debian's ash runs its own applets before any file on PATH, so these are shell functions)
cat >> $R/etc/profile <<'X'
insmod() { m=$1; shift; case "$m" in */*) ;; *) m=/lib/modules/$(uname -r)/$m.ko ;; esac; /bin/busybox insmod "$m" "$@"; }
for a in fdisk od xxd blockdev blkid stat lspci; do eval "$a() { echo \"-ash: $a: not found\" >&2; return 127; }"; done
X
# the default /etc/config/fstab of block-mount ("block detect" writes the same global section)
printf "config global\n\toption anon_swap '0'\n\toption anon_mount '0'\n\toption auto_swap '1'\n\toption auto_mount '1'\n\toption delay_root '5'\n\toption check_fs '0'\n\n" > $R/etc/config/fstab
cp $R/etc/config/fstab $R/rom/etc/config/fstab
# the image's identity, which block extroot's check_extroot compares with etc/.extroot-uuid
cat /proc/sys/kernel/random/uuid > $R/usr/lib/bed/rom-uuid
fi

if [ "$VARIANT" = stock_block_mount ]; then
# block-mount's /sbin/block, after fstools block.c: info; mount (the enabled fstab mounts, not /overlay);
# extroot (PREINIT only): the fstab from the flash's overlay (/tmp/overlay/upper/etc/config, else /etc/config),
# the first enabled mount with target / or /overlay, its device by uuid/label/device, ext4/f2fs/btrfs/ntfs/ubifs
# only, mounted on /tmp/extroot/overlay; check_extroot as fstools has it: the UUID check runs only when
# etc/.extroot-default exists there, then etc/.extroot-uuid is written (first use) or must match the image's.
cat > $R/sbin/block <<'X'
#!/bin/sh
BLKID="/usr/lib/bed/blkid -c /dev/null"
log() { echo "block: $*"; }
find_dev() {  # uuid label device
    if [ -n "$1" ]; then $BLKID -U "$1"; elif [ -n "$2" ]; then $BLKID -L "$2"; elif [ -n "$3" ]; then echo "/dev/${3##*/}"; fi
}
sections() {  # NAME<TAB>target<TAB>uuid<TAB>label<TAB>device of each enabled mount section in CONFIG_DIR
    uci -c "$1" show fstab 2>/dev/null | awk -F '=' -v q="'" '{ k = $1; v = substr($0, length(k) + 2); gsub(q, "", v); n = split(k, p, ".") }
        n == 2 && v == "mount" { order[++c] = p[2] } n == 3 { o[p[2], p[3]] = v }
        END { for (i = 1; i <= c; i++) { s = order[i]; if (o[s, "enabled"] != "0") print s "\t" o[s, "target"] "\t" o[s, "uuid"] "\t" o[s, "label"] "\t" o[s, "device"] } }'
}
case "${1:-}" in
    info) shift; $BLKID -s UUID -s LABEL -s TYPE "$@" ;;
    mount) sections /etc/config | while IFS="$(printf '\t')" read -r s t u l d; do
            case "$t" in /|/overlay|"") continue ;; esac
            dev=$(find_dev "$u" "$l" "$d") && [ -b "$dev" ] && mkdir -p "$t" && mount "$dev" "$t" || log "mount $s failed"
        done ;;
    extroot)
        [ -n "${PREINIT:-}" ] || exit 1
        cfg=/etc/config
        for c in /tmp/overlay/upper/etc/config /tmp/overlay/etc/config; do [ -f $c/fstab ] && cfg=$c && break; done
        m=$(sections $cfg | awk -F '\t' '$2 == "/" { print; exit }')
        [ -n "$m" ] || m=$(sections $cfg | awk -F '\t' '$2 == "/overlay" { print; exit }')
        [ -n "$m" ] || { log "extroot: not configured"; exit 1; }
        IFS="$(printf '\t')" read -r s t u l d <<EOF
$m
EOF
        dev=$(find_dev "$u" "$l" "$d")
        [ -n "$dev" ] || { log "extroot: cannot find device ${u:+with UUID }${u:-${l:-$d}}"; exit 1; }
        type=$($BLKID -s TYPE -o value "$dev")
        case "$type" in ext*|f2fs|btrfs|ntfs|ubifs) ;; *) log "extroot: unsupported filesystem $type, try ext4, f2fs, btrfs, ntfs or ubifs"; exit 1 ;; esac
        grep -q -w "$type" /proc/filesystems || { log "extroot: filesystem $type not supported by kernel"; exit 1; }
        p=/tmp/extroot/overlay; [ "$t" = / ] && p=/tmp/extroot/mnt
        mkdir -p $p
        mount -t "$type" "$dev" $p || { log "extroot: mounting $dev ($type) on $p failed"; exit 1; }
        [ "$t" = /overlay ] && [ -e $p/etc/.extroot-default ] || exit 0
        root=$(cat /usr/lib/bed/rom-uuid)
        mkdir -p $p/etc
        [ -e $p/etc/.extroot-uuid ] || { printf %s "$root" > $p/etc/.extroot-uuid; exit 0; }
        got=$(cat $p/etc/.extroot-uuid)
        [ "$(echo "$got" | tr A-F a-f)" = "$(echo "$root" | tr A-F a-f)" ] && exit 0
        log "extroot: UUID mismatch (root: $root, overlay: $got)"; umount $p; exit 1 ;;
    *) echo "Usage: block <info|mount|umount|detect>" >&2; exit 1 ;;
esac
X
chmod +x $R/sbin/block
fi

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
if [ "$KMOD" != /boot/kmod ]; then
    # stock: OpenWrt's preinit (fstools mount_root). rootfs_data (/dev/vda) is formatted on first boot,
    # mounted on /tmp/overlay; block extroot may mount the SSD on /tmp/extroot/overlay instead; then /
    # becomes overlayfs(/rom + /overlay) and the flash image stays visible as /rom.
    i=0
    while [ ! -b /dev/vda ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
    mount -t tmpfs tmpfs /tmp
    mkdir -p /tmp/overlay
    if ! mount -t ext4 /dev/vda /tmp/overlay 2>/dev/null; then
        mkfs.ext4 -q -F -L rootfs_data /dev/vda && mount -t ext4 /dev/vda /tmp/overlay
        mkdir -p /tmp/overlay/upper /tmp/overlay/work
        cp -a /overlay/upper/. /tmp/overlay/upper/
    fi
    o=/tmp/overlay
    if [ -x /sbin/block ] && PREINIT=1 /sbin/block extroot; then
        o=/tmp/extroot/overlay
        umount /tmp/overlay
    fi
    mkdir -p $o/upper $o/work /newroot
    mount --bind / /rom
    mount -t overlay overlayfs:/overlay -o lowerdir=/rom,upperdir=$o/upper,workdir=$o/work /newroot
    mount --move $o /newroot/overlay
    mount --move /rom /newroot/rom
    umount -l /tmp
    mount --move /proc /newroot/proc
    mount --move /sys /newroot/sys
    mount --move /dev /newroot/dev
    # not switch_root: it would empty the initramfs, which is /rom's lower layer
    cd /newroot && mount --move . / && exec chroot . /sbin/init
fi
exec /sbin/init
X
chmod +x $R/init

(cd $R && find . | cpio -o -H newc --quiet) | gzip -1 > "$OUT"
