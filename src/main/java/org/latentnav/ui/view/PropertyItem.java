package org.latentnav.ui.view;

import java.util.Optional;
import javafx.beans.property.Property;
import javafx.beans.value.ObservableValue;
import org.controlsfx.control.PropertySheet;

/** A {@link PropertySheet} row backed by a JavaFX property. */
final class PropertyItem<T> implements PropertySheet.Item {
    private final String category;
    private final String name;
    private final String description;
    private final Property<T> property;
    private final Class<?> type;

    PropertyItem(
            String category, String name, String description, Property<T> property, Class<?> type) {
        this.category = category;
        this.name = name;
        this.description = description;
        this.property = property;
        this.type = type;
    }

    @Override
    public Class<?> getType() {
        return type;
    }

    @Override
    public String getCategory() {
        return category;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getDescription() {
        return description;
    }

    @Override
    public Object getValue() {
        return property.getValue();
    }

    @Override
    @SuppressWarnings("unchecked")
    public void setValue(Object value) {
        property.setValue((T) value);
    }

    @Override
    public Optional<ObservableValue<? extends Object>> getObservableValue() {
        return Optional.of(property);
    }
}
