package org.latentnav.data;

/** A partition of a CelebA-format dataset, by the code in list_eval_partition.txt. */
public enum Split {
    TRAIN(0),
    VALIDATION(1),
    TEST(2),
    /** Every image, whatever its partition. */
    ALL(-1);

    private final int code;

    Split(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public boolean contains(int partition) {
        return this == ALL || partition == code;
    }
}
