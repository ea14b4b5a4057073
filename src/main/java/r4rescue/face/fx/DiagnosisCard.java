package r4rescue.face.fx;

import javafx.geometry.Pos;
import javafx.scene.AccessibleRole;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import atlantafx.base.theme.Styles;

import r4rescue.console.bootlog.Finding;
import r4rescue.console.bootlog.FixCatalog;
import r4rescue.face.fx.wizard.WizardViewModel;
import r4rescue.util.Texts;

/**
 * The diagnosis card: shown while the boot has a verdict (a failure signature, a stop, silence,
 * noise). It says what happened and why in plain words, links the evidence line (click: the console
 * scrolls to it and selects it) and offers the fix: the button hands the fix id to
 * {@link BootTimelineViewModel#onFixProperty()}, or, while nothing receives it, explains the fix.
 * The user may close the card; it comes back for a different finding.
 */
public final class DiagnosisCard extends VBox {

    private final BootTimelineViewModel vm;
    private final Label summary = new Label();
    private final Label cause = new Label();
    private final Label detail = new Label();
    private final Label evidenceLabel = new Label(Texts.t("fx.diagnosis.evidence"));
    private final Hyperlink evidence = new Hyperlink();
    private final HBox evidenceRow;
    private final Button fix = new Button();
    private final Label explanation = new Label();
    private Finding dismissed;

    public DiagnosisCard(BootTimelineViewModel vm) {
        this.vm = vm;
        setId("diagnosisCard");
        getStyleClass().add("diagnosis-card");
        setSpacing(4);
        setAccessibleRole(AccessibleRole.TEXT);

        summary.setId("diagnosisSummary");
        summary.getStyleClass().addAll(Styles.TEXT_BOLD, "diagnosis-summary");
        summary.setWrapText(true);
        Button close = new Button("\u2715");
        close.setId("diagnosisClose");
        close.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
        Tips.install(close, Texts.t("fx.diagnosis.hide.tip"));
        close.setOnAction(e -> {
            dismissed = vm.findingProperty().get();
            show(null);
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox.setHgrow(summary, Priority.SOMETIMES);
        HBox top = new HBox(8, summary, spacer, close);
        top.setAlignment(Pos.TOP_LEFT);

        cause.setId("diagnosisCause");
        cause.setWrapText(true);
        detail.setId("diagnosisDetail");
        detail.setWrapText(true);
        detail.getStyleClass().add(Styles.TEXT_MUTED);

        evidence.setId("evidenceLink");
        evidence.getStyleClass().add("diagnosis-evidence");
        Tips.install(evidence, Texts.t("fx.diagnosis.evidence.tip"));
        evidence.setOnAction(e -> {
            evidence.setVisited(false);
            vm.revealEvidence(vm.findingProperty().get());
        });
        evidenceLabel.getStyleClass().add(Styles.TEXT_MUTED);
        evidenceRow = new HBox(4, evidenceLabel, evidence);
        evidenceRow.setId("evidenceRow");
        evidenceRow.setAlignment(Pos.CENTER_LEFT);

        fix.setId("fixButton");
        fix.getStyleClass().add(Styles.DANGER);
        fix.setOnAction(e -> {
            Finding f = vm.findingProperty().get();
            if (!vm.startFix(f)) {
                explanation.setVisible(!explanation.isVisible());
                explanation.setManaged(explanation.isVisible());
            }
        });
        explanation.setId("fixExplanation");
        explanation.setWrapText(true);
        explanation.getStyleClass().add("diagnosis-explanation");

        getChildren().addAll(top, cause, detail, evidenceRow, fix, explanation);
        // the console below gives way, never the card's words
        setMinHeight(Region.USE_PREF_SIZE);
        for (Label l : new Label[] {summary, cause, detail, explanation}) {
            l.setMinHeight(Region.USE_PREF_SIZE);
        }
        vm.findingProperty().addListener((o, a, f) -> {
            if (f == null || !f.equals(dismissed)) {
                dismissed = null;
                show(f);
            }
        });
        show(vm.findingProperty().get());
    }

    private void show(Finding f) {
        setVisible(f != null);
        setManaged(f != null);
        explanation.setVisible(false);
        explanation.setManaged(false);
        if (f == null) {
            return;
        }
        summary.setText("\u26a0 " + f.summaryText());
        setAccessibleText(Texts.t("window.card.name", f.summaryText()));
        cause.setText(f.cause() == null ? "" : Texts.t("fx.diagnosis.cause", f.causeText()));
        String words = f.detailText();
        boolean hasDetail = words != null && !words.isBlank();
        detail.setText(hasDetail ? Character.toUpperCase(words.charAt(0)) + words.substring(1) : "");
        detail.setVisible(hasDetail);
        detail.setManaged(hasDetail);
        boolean hasEvidence = f.line() > 0 && f.text() != null && !f.text().isBlank();
        evidenceRow.setVisible(hasEvidence);
        evidenceRow.setManaged(hasEvidence);
        evidence.setText(hasEvidence ? f.text().strip() : "");
        FixCatalog.Fix x = FixCatalog.standard().get(f.fix()); // read on the first finding, not at start-up
        // a fix that is a wizard flow is called by the flow's one name, as the wizard's proposal calls it
        WizardViewModel.Flow flow = f.fix() == null ? null : WizardViewModel.Flow.forFix(f.fix());
        fix.setText(flow != null ? flow.startText() : Texts.t("fx.flow.start", x.actionText()));
        fix.setVisible(f.fix() != null);
        fix.setManaged(f.fix() != null);
        fix.setTooltip(new Tooltip(x.explanationText()));
        explanation.setText(x.explanationText());
    }

    /** The fix button (for tests and the wizard's focus handling). */
    public Button fixButton() {
        return fix;
    }
}
