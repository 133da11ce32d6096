package org.latentnav.ui.view;

import javafx.scene.control.ButtonBase;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

/** Icon and tooltip helpers for buttons. */
final class Icons {
    static final int SIZE = 18;

    private Icons() {}

    static FontIcon icon(Ikon ikon) {
        FontIcon icon = FontIcon.of(ikon, SIZE);
        icon.getStyleClass().add("latentnav-icon");
        return icon;
    }

    /** Gives a button an icon and a tooltip that names its shortcut, if any. */
    static <B extends ButtonBase> B decorate(B button, Ikon ikon, String tooltip, String shortcut) {
        button.setGraphic(icon(ikon));
        String text = shortcut == null ? tooltip : tooltip + " (" + shortcut + ")";
        button.setTooltip(new Tooltip(text));
        return button;
    }
}
