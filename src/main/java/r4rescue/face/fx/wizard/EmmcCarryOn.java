package r4rescue.face.fx.wizard;

import javafx.scene.control.Button;

import r4rescue.board.BoardProfile;
import r4rescue.board.Medium;
import r4rescue.procedure.unbrick.EmmcInstall;
import r4rescue.procedure.unbrick.SdUnbrick;
import r4rescue.util.Texts;

/**
 * "Carry on to the eMMC" on the page that confirmed the NAND boot, for a board whose profile has an eMMC position: from
 * the NAND's U-Boot, its menu's eMMC install, read back, PARTITION_CONFIG set to boot0, then the eMMC boot confirmed
 * ({@link SdUnbrick#fromNandToEmmc}). The hand steps (power cycles, the switches to eMMC) are said in the step's status.
 */
final class EmmcCarryOn {

    private EmmcCarryOn() {
    }

    /** The button for {@code p}, which acts once {@code p} is complete (the NAND boot confirmed); none when the board has no eMMC. */
    static Button[] buttons(WizardViewModel vm, BoardProfile data, StepPane p) {
        if (data.dipPositions().stream().noneMatch(d -> d.medium() == Medium.EMMC)) {
            return new Button[0];
        }
        Button b = new Button(Texts.t("emmc.fx.button"));
        b.setId("carryOnToEmmc");
        b.setOnAction(e -> {
            if (!p.completeProperty().get()) {
                p.say(StepRun.State.FAILED, Texts.t("emmc.fx.first"));
                return;
            }
            vm.release();
            vm.run(p.run(), ctx -> new SdUnbrick(data, ctx.strategy()).fromNandToEmmc(EmmcInstall.Host.NONE, ctx.procedure()),
                    o -> p.say(StepRun.State.DONE, Texts.t("emmc.fx.done", o.emmcBoot().bootDevice(),
                            SdUnbrickPages.stageWords(o.emmcBoot()), Integer.toString(o.checks().size()),
                            Integer.toString(o.partconf().bootPartitionEnable()))));
        });
        return new Button[] {b};
    }
}
