package dev.lambdalens.provisioning;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a module offers to provisioning for one section of the files ({@code channels}, {@code rules}, ...): apply
 * what one file declares, name its objects for references from other sections, and export what exists in the
 * same form.
 */
public interface Provisioner {

    /** The section of the files this provisioner reads, such as {@code rules}. */
    String section();

    /** Sections are applied in this order, lowest first, so that references resolve (channels before rules). */
    int order();

    /**
     * Makes the objects of this section that {@code source} provisioned exactly {@code items}: creates, changes and
     * deletes, inside the caller's transaction.
     *
     * @throws DeclarationException naming the item (by index) and the field at fault
     */
    void apply(String source, List<Map<String, Object>> items, References references);

    /**
     * Called once the transaction that applied a file (or removed a gone one) has committed, for what must see the
     * stored objects (a budget judged at once); nothing by default.
     */
    default void applied() {
    }

    /** How each object {@code source} declared is known (a name, or what a silence says), for the page. */
    default List<String> declaredIn(String source) {
        return List.of();
    }

    /** The files this section holds objects of. */
    Set<String> sources();

    /** The id of the object named {@code name}, for references from other sections. */
    Optional<Long> idOf(String name);

    /** The name of the object {@code id}, for exports that refer to it. */
    Optional<String> nameOf(long id);

    /** Every object of this section, in the form {@link #apply} reads, secrets as environment placeholders. */
    List<Map<String, Object>> export(References references);

    /** Looks up objects of other sections by name or id. */
    interface References {

        /** @throws DeclarationException (field {@code field}) when no object of {@code section} has that name */
        long id(String section, String name, int index, String field);

        Optional<String> name(String section, long id);
    }
}
