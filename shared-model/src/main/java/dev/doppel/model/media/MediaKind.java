package dev.doppel.model.media;

public enum MediaKind {
    IMAGE,
    VIDEO
}
