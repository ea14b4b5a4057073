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
import r4rescue.util.Texts;

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
        StepPane p = new StepPane("step-hold", Texts.t("fx.bootargs.hold.title"), Texts.t("fx.bootargs.hold.hands"),
                Texts.t(readArgs ? "fx.bootargs.hold.checksRead" : "fx.bootargs.hold.checks"));
        GridPane rows = new GridPane();
        rows.setId("bootargsRows");
        rows.setHgap(12);
        rows.setVgap(2);
        Label sources = new Label();
        sources.setWrapText(true);
        sources.getStyleClass().add(Styles.TEXT_MUTED);
        Button stop = new Button(Texts.t("fx.bootargs.hold.button"));
        stop.setId("holdUboot");
        stop.setDefaultButton(true);
        stop.setOnAction(e -> vm.run(p.run(), ctx -> {
            UBootSession s;
            try {
                s = UBootSession.attach(ctx.console());
                ctx.say(Texts.t("fx.bootargs.hold.already"));
            } catch (NoAnswerException notAtPrompt) {
                s = UBootSession.takeHold(ctx.console(), Duration.ofSeconds(180), ev -> ctx.say(
                        ev.kind() == HoldEvent.Kind.POWER_CYCLE_NOW ? Texts.t("fx.bootargs.hold.powerCycle") : ev.message()));
            }
            ctx.hold(s);
            return readArgs ? BootArgsFlow.read(ctx.session(), ctx.procedure()) : null;
        }, cur -> {
            p.completeProperty().set(true);
            if (cur == null) {
                p.say(StepRun.State.DONE, Texts.t("fx.bootargs.hold.waits"));
                return;
            }
            current.set(cur);
            rows.getChildren().clear();
            int i = 0;
            for (String tok : cur.args().tokens()) {
                int eq = tok.indexOf('=');
                Label k = new Label(eq < 0 ? tok : tok.substring(0, eq));
                k.getStyleClass().add(Styles.TEXT_BOLD);
                Label v = new Label(eq < 0 ? Texts.t("fx.bootargs.flag") : tok.substring(eq + 1));
                v.getStyleClass().add("step-mono");
                rows.addRow(i++, k, v);
            }
            sources.setText(Texts.t("fx.bootargs.comesFrom", String.join("; ", cur.sources())));
            p.say(StepRun.State.DONE, Texts.t("fx.bootargs.hold.waitsRoot", cur.root()));
        }));
        if (readArgs) {
            p.content(rows, sources);
        }
        return p.action(stop);
    }

    StepPane pickRoot() {
        StepPane p = new StepPane("step-pickRoot", Texts.t("fx.bootargs.pick.title"), Texts.t("fx.bootargs.pick.hands"),
                Texts.t("fx.bootargs.pick.checks"));
        ToggleGroup group = new ToggleGroup();
        VBox choices = new VBox(4);
        choices.setId("rootChoices");
        TextField typed = new TextField();
        typed.setId("rootTyped");
        typed.setPromptText(Texts.t("fx.bootargs.pick.prompt"));
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
                plan.setText(cur == null ? Texts.t("fx.bootargs.pick.holdFirst") : "");
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
                b.append(Texts.t("fx.bootargs.change", c.variable(), c.oldValue(), c.newValue())).append('\n');
            }
            plan.setText(changes.isEmpty() ? Texts.t("fx.bootargs.nothingToChange", root) : b.toString().strip());
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
                        options.add(new String[] {part, Texts.t("fx.bootargs.nvmePart", part)});
                    }
                    if (d.getValue().isEmpty()) {
                        Label none = new Label(Texts.t("fx.bootargs.nvmeEmpty", d.getKey()));
                        none.setWrapText(true);
                        choices.getChildren().add(none);
                    }
                }
            }
            options.add(new String[] {"/dev/fit0", Texts.t("fx.bootargs.fit0", Medium.SNAND.label())});
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
        Label typedLabel = new Label(Texts.t("fx.bootargs.typed"));
        typedLabel.setLabelFor(typed);
        return p.content(choices, typedLabel, typed, new Label(Texts.t("fx.bootargs.exactChange")), plan);
    }

    StepPane apply() {
        StepPane p = new StepPane("step-apply", Texts.t("fx.bootargs.apply.title"), Texts.t("fx.bootargs.apply.hands"),
                Texts.t("fx.bootargs.apply.checks"));
        Button go = new Button(Texts.t("fx.bootargs.apply.button"));
        go.setId("applyBootargs");
        go.setDefaultButton(true);
        go.setOnAction(e -> {
            BootArgsRepair.Wanted w = wanted.get();
            if (w == null) {
                p.say(StepRun.State.FAILED, Texts.t("fx.bootargs.apply.pickFirst"));
                return;
            }
            vm.run(p.run(), ctx -> BootArgsFlow.apply(ctx.session(), vm.board(), ctx.procedure(), w), changes -> {
                p.say(StepRun.State.DONE, (changes.isEmpty() ? Texts.t("fx.bootargs.apply.nothing")
                        : Texts.t("fx.bootargs.apply.saved", BootArgsRepair.describe(changes))));
                p.completeProperty().set(true);
            });
        });
        return p.action(go);
    }

    StepPane boot() {
        StepPane p = new StepPane("step-boot", Texts.t("fx.bootargs.boot.title"), Texts.t("fx.bootargs.boot.hands"),
                Texts.t("fx.bootargs.boot.checks"));
        Button go = new Button(Texts.t("fx.bootargs.boot.button"));
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
