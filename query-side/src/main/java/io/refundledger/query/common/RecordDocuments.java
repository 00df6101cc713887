package io.refundledger.query.common;

import org.bson.Document;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;

/**
 * Maps read-model records to BSON documents and back, component by component, so a view is stored in the
 * shape it is served in and a new field needs no mapping code.
 *
 * <p>Supported component types: {@code String}, {@code long}/{@code int}/{@code boolean} (boxed too),
 * {@code Instant} (stored as a BSON date, so a real server can range-query and sort it natively; millisecond
 * precision), enums (stored by name), nested records and {@code List}s of those.
 * Money stays a decimal string inside the view records: BSON doubles would round it. Read models are
 * rebuilt from the event store, so renaming a component only needs a reset, never a migration.
 */
public final class RecordDocuments {

    private RecordDocuments() {
    }

    /**
     * Each record type's components, accessors and canonical constructor, looked up once: reflection finds them anew
     * (copying arrays) on every call, and every event of a catch-up or rebuild maps its view both ways.
     */
    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            return Shape.of(type);
        }
    };

    private record Shape(String[] names, Method[] accessors, Type[] types, Constructor<?> canonical) {

        static Shape of(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            String[] names = new String[components.length];
            Method[] accessors = new Method[components.length];
            Type[] types = new Type[components.length];
            Class<?>[] parameterTypes = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                names[i] = components[i].getName();
                accessors[i] = components[i].getAccessor();
                accessors[i].setAccessible(true);
                types[i] = components[i].getGenericType();
                parameterTypes[i] = components[i].getType();
            }
            try {
                Constructor<?> canonical = type.getDeclaredConstructor(parameterTypes);
                canonical.setAccessible(true);
                return new Shape(names, accessors, types, canonical);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("Cannot build " + type.getName(), e);
            }
        }

        String key(int component, String idComponent) {
            return names[component].equals(idComponent) ? "_id" : names[component];
        }
    }

    /** The record as a document, with the component named {@code idComponent} stored as {@code _id}. */
    public static Document toDocument(Record record, String idComponent) {
        Shape shape = SHAPES.get(record.getClass());
        Document document = new Document();
        for (int i = 0; i < shape.names().length; i++) {
            document.append(shape.key(i, idComponent), encode(read(shape.accessors()[i], record)));
        }
        return document;
    }

    public static <R extends Record> R fromDocument(Document document, Class<R> type, String idComponent) {
        Shape shape = SHAPES.get(type);
        Object[] values = new Object[shape.names().length];
        for (int i = 0; i < values.length; i++) {
            values[i] = decode(document.get(shape.key(i, idComponent)), shape.types()[i]);
        }
        try {
            return type.cast(shape.canonical().newInstance(values));
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("Stored " + type.getSimpleName() + " is not valid: " + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot build " + type.getName(), e);
        }
    }

    private static Object read(Method accessor, Record record) {
        try {
            return accessor.invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read " + accessor, e);
        }
    }

    private static Object encode(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Instant instant) {
            return Date.from(instant);
        }
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        if (value instanceof Record nested) {
            return toDocument(nested, null);
        }
        if (value instanceof Collection<?> items) {
            List<Object> encoded = new ArrayList<>(items.size());
            items.forEach(item -> encoded.add(encode(item)));
            return encoded;
        }
        throw new IllegalArgumentException("No document mapping for " + value.getClass().getName());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object decode(Object raw, Type type) {
        if (type instanceof ParameterizedType parameterized) {
            Class<?> container = (Class<?>) parameterized.getRawType();
            Type[] arguments = parameterized.getActualTypeArguments();
            if (List.class.isAssignableFrom(container)) {
                List<Object> items = new ArrayList<>();
                if (raw != null) {
                    ((List<?>) raw).forEach(item -> items.add(decode(item, arguments[0])));
                }
                return items;
            }
            throw new IllegalArgumentException("No document mapping for " + type);
        }
        Class<?> target = (Class<?>) type;
        if (raw == null) {
            if (target == long.class) {
                return 0L;
            }
            if (target == int.class) {
                return 0;
            }
            if (target == boolean.class) {
                return false;
            }
            return null;
        }
        if (target == String.class || target == Boolean.class || target == boolean.class) {
            return raw;
        }
        if (target == long.class || target == Long.class) {
            return ((Number) raw).longValue();
        }
        if (target == int.class || target == Integer.class) {
            return ((Number) raw).intValue();
        }
        if (target == Instant.class) {
            return ((Date) raw).toInstant();
        }
        if (target.isEnum()) {
            return Enum.valueOf((Class<? extends Enum>) target, (String) raw);
        }
        if (target.isRecord()) {
            return fromDocument((Document) raw, (Class<? extends Record>) target, null);
        }
        throw new IllegalArgumentException("No document mapping for " + target.getName());
    }
}
