package r4rescue.face.fx;

import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.AccessibleRole;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;

import atlantafx.base.theme.Styles;

import r4rescue.util.Texts;

/**
 * "Boot 1 · 2 · 3": one small toggle per boot seen in this session, shown once there are two.
 * The timeline and the diagnosis card show the boot that is pressed; the newest is pressed while
 * the user has not picked another, and new boots are then followed.
 */
final class BootSwitcher extends HBox {

    private final BootTimelineViewModel vm;
    private final ToggleGroup group = new ToggleGroup();

    BootSwitcher(BootTimelineViewModel vm) {
        super(2);
        this.vm = vm;
        setId("bootSwitcher");
        setAlignment(Pos.CENTER_LEFT);
        setAccessibleRole(AccessibleRole.TOOL_BAR);
        setAccessibleText(Texts.t("window.boot.switcher.name"));
        vm.boots().addListener((ListChangeListener<Integer>) c -> rebuild());
        vm.shownBootProperty().addListener((o, a, b) -> press());
        rebuild();
    }

    private void rebuild() {
        getChildren().clear();
        group.getToggles().clear();
        boolean several = vm.boots().size() > 1;
        setVisible(several);
        setManaged(several);
        if (!several) {
            return;
        }
        getChildren().add(new Label(Texts.t("window.boot.switcher")));
        int newest = vm.boots().get(vm.boots().size() - 1);
        for (int n : vm.boots()) {
            ToggleButton b = new ToggleButton(Integer.toString(n));
            b.setId("boot-" + n);
            b.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
            b.setToggleGroup(group);
            b.setUserData(n);
            b.setAccessibleText(Texts.t(n == newest ? "window.boot.button.newest" : "window.boot.button", n));
            Tips.install(b, Texts.t("window.boot.button.tip", n));
            // pressing the pressed one again keeps it: one boot is always shown
            b.setOnAction(e -> {
                vm.showBoot(n);
                press();
            });
            getChildren().add(b);
        }
        press();
    }

    private void press() {
        for (var t : group.getToggles()) {
            t.setSelected(t.getUserData().equals(vm.shownBootProperty().get()));
        }
    }
}
