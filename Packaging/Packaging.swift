// The files every package carries besides the content: the player (docs/package-layout.md).
import Foundation

public enum PackagingResources {
    /// The bundled `player/` folder, whose files the packager copies into `player/` of every package.
    public static var playerFolder: URL? { Bundle.module.url(forResource: "player", withExtension: nil) }
}
