package org.latentnav.ui.view;

import javafx.css.PseudoClass;

/** Pseudo-classes used with {@code editor.css}. */
final class Styles {
    static final PseudoClass CLIPPED = PseudoClass.getPseudoClass("clipped");

    private Styles() {}
}
