package r4rescue.face.fx.wizard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

import atlantafx.base.theme.Styles;

import r4rescue.board.Medium;
import r4rescue.procedure.bootargs.BootArgsFlow;
import r4rescue.protocol.uboot.BootArgsRepair;
import r4rescue.protocol.uboot.HoldEvent;
import r4rescue.protocol.uboot.NoAnswerException;
import r4rescue.protocol.uboot.UBootSession;

/** The pages of "Repair bootargs", and the "stop in U-Boot" page "Reflash" reuses. */
final class BootArgsPages {

    private final WizardViewModel vm;
    private final ObjectProperty<BootArgsFlow.Current> current = new SimpleObjectProperty<>();
    private final ObjectProperty<BootArgsRepair.Wanted> wanted = new SimpleObjectProperty<>();

    BootArgsPages(WizardViewModel vm) {
        this.vm = vm;
    }

    List<StepPane> pages() {
        return List.of(hold(true), pickRoot(), apply(), boot());
    }

    /** Stops the board at the U-Boot prompt (power cycle) and, for bootargs, reads the command line. */
    StepPane hold(boolean readArgs) {
        StepPane p = new StepPane("step-hold", "Stop the board in U-Boot",
                "Press Stop in U-Boot. If the board is not already waiting at U-Boot's prompt, the program then asks you to "
                        + "switch it off and on (on the simulated board: Power cycle on the bench).",
                "The program answers U-Boot's countdown or menu and stops at its prompt"
                        + (readArgs ? ", then reads the environment: where the kernel command line comes from, and each argument." : "."));
        GridPane rows = new GridPane();
        rows.setId("bootargsRows");
        rows.setHgap(12);
        rows.setVgap(2);
        Label sources = new Label();
        sources.setWrapText(true);
        sources.getStyleClass().add(Styles.TEXT_MUTED);
        Button stop = new Button("_Stop in U-Boot");
        stop.setId("holdUboot");
        stop.setDefaultButton(true);
        stop.setOnAction(e -> vm.run(p.run(), ctx -> {
            UBootSession s;
            try {
                s = UBootSession.attach(ctx.console());
                ctx.say("U-Boot was already at its prompt: no power cycle needed.");
            } catch (NoAnswerException notAtPrompt) {
                s = UBootSession.takeHold(ctx.console(), Duration.ofSeconds(180), ev -> ctx.say(
                        ev.kind() == HoldEvent.Kind.POWER_CYCLE_NOW ? "Switch the board off and on now." : ev.message()));
            }
            ctx.hold(s);
            return readArgs ? BootArgsFlow.read(ctx.session(), ctx.procedure()) : null;
        }, cur -> {
            p.completeProperty().set(true);
            if (cur == null) {
                p.say(StepRun.State.DONE, "U-Boot waits at its prompt.");
                return;
            }
            current.set(cur);
            rows.getChildren().clear();
            int i = 0;
            for (String tok : cur.args().tokens()) {
                int eq = tok.indexOf('=');
                Label k = new Label(eq < 0 ? tok : tok.substring(0, eq));
                k.getStyleClass().add(Styles.TEXT_BOLD);
                Label v = new Label(eq < 0 ? "(flag)" : tok.substring(eq + 1));
                v.getStyleClass().add("step-mono");
                rows.addRow(i++, k, v);
            }
            sources.setText("Comes from: " + String.join("; ", cur.sources()));
            p.say(StepRun.State.DONE, "U-Boot waits at its prompt. The kernel is told root=" + cur.root() + ".");
        }));
        if (readArgs) {
            p.content(rows, sources);
        }
        return p.action(stop);
    }

    StepPane pickRoot() {
        StepPane p = new StepPane("step-pickRoot", "Pick the root device",
                "Pick where the kernel should find its root file system, or type it.",
                "A root must be a partition the kernel can name (e.g. /dev/nvme0n1p1); the exact change is shown before anything is sent.");
        ToggleGroup group = new ToggleGroup();
        VBox choices = new VBox(4);
        choices.setId("rootChoices");
        TextField typed = new TextField();
        typed.setId("rootTyped");
        typed.setPromptText("or type, e.g. /dev/nvme0n1p1");
        Label plan = new Label();
        plan.setId("planText");
        plan.setWrapText(true);
        plan.getStyleClass().add("step-mono");
        Runnable update = () -> {
            String root = typed.getText() != null && !typed.getText().isBlank() ? typed.getText().strip()
                    : group.getSelectedToggle() == null ? null : (String) group.getSelectedToggle().getUserData();
            BootArgsFlow.Current cur = current.get();
            wanted.set(null);
            p.completeProperty().set(false);
            if (root == null || cur == null) {
                plan.setText(cur == null ? "Stop the board in U-Boot first (step 1)." : "");
                return;
            }
            String why = BootArgsFlow.refuse(root);
            if (why != null) {
                plan.setText(why);
                return;
            }
            BootArgsRepair.Wanted w = BootArgsFlow.wanted(root);
            List<BootArgsRepair.Change> changes = BootArgsFlow.plan(cur, w);
            StringBuilder b = new StringBuilder();
            for (BootArgsRepair.Change c : changes) {
                b.append("Variable ").append(c.variable()).append(":\n  old: ").append(c.oldValue()).append("\n  new: ").append(c.newValue()).append('\n');
            }
            plan.setText(changes.isEmpty() ? "Nothing to change: the command line already says root=" + root + "." : b.toString().strip());
            wanted.set(w);
            p.completeProperty().set(true);
        };
        group.selectedToggleProperty().addListener(o -> update.run());
        typed.textProperty().addListener(o -> update.run());
        current.addListener(o -> update.run());
        p.onShow(() -> {
            choices.getChildren().clear();
            List<String[]> options = new ArrayList<>();
            for (Map.Entry<String, List<String>> d : vm.partitionsSeen().entrySet()) {
                if (d.getKey().startsWith("nvme")) {
                    for (String part : d.getValue()) {
                        options.add(new String[] {part, part + " — NVMe SSD partition (seen by the kernel at its last boot)"});
                    }
                    if (d.getValue().isEmpty()) {
                        Label none = new Label("The kernel saw the NVMe SSD " + d.getKey() + " without partitions: it holds no root yet.");
                        none.setWrapText(true);
                        choices.getChildren().add(none);
                    }
                }
            }
            options.add(new String[] {"/dev/fit0", "/dev/fit0 — OpenWrt's own root inside its FIT image (" + Medium.SNAND.label() + " or eMMC)"});
            for (String[] o : options) {
                RadioButton r = new RadioButton(o[1]);
                r.setUserData(o[0]);
                r.setToggleGroup(group);
                r.setId("root-" + o[0].replace("/dev/", ""));
                r.setWrapText(true);
                choices.getChildren().add(r);
            }
            update.run();
        });
        Label typedLabel = new Label("Typed device:");
        typedLabel.setLabelFor(typed);
        return p.content(choices, typedLabel, typed, new Label("The exact change:"), plan);
    }

    StepPane apply() {
        StepPane p = new StepPane("step-apply", "Apply, save and verify",
                "Nothing: the board stays at U-Boot's prompt.",
                "Each variable is set and read back, saveenv must answer OK, and the saved environment is read back again.");
        Button go = new Button("_Apply and save");
        go.setId("applyBootargs");
        go.setDefaultButton(true);
        go.setOnAction(e -> {
            BootArgsRepair.Wanted w = wanted.get();
            if (w == null) {
                p.say(StepRun.State.FAILED, "Pick a root device first (step 2).");
                return;
            }
            vm.run(p.run(), ctx -> BootArgsFlow.apply(ctx.session(), vm.board(), ctx.procedure(), w), changes -> {
                p.say(StepRun.State.DONE, (changes.isEmpty() ? "Nothing needed changing." : "Saved and read back:\n"
                        + BootArgsRepair.describe(changes)));
                p.completeProperty().set(true);
            });
        });
        return p.action(go);
    }

    StepPane boot() {
        StepPane p = new StepPane("step-boot", "Boot and watch the root mount",
                "Nothing: watch the console on the right.",
                "The kernel must mount the new root (\"VFS: Mounted root\", \"EXT4-fs (…): mounted\"); if it does not, the diagnosis says why.");
        Button go = new Button("_Boot");
        go.setId("bootNow");
        go.setDefaultButton(true);
        go.setOnAction(e -> vm.run(p.run(), ctx -> {
            BootArgsFlow.Outcome o = BootArgsFlow.boot(ctx.session(), ctx.procedure(), ctx.watch());
            ctx.hold(null);
            return o;
        }, o -> {
            p.say(o.mounted() ? StepRun.State.DONE : StepRun.State.FAILED, o.detail());
            p.completeProperty().set(o.mounted());
        }));
        return p.action(go);
    }
}
