using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Alerts.Infrastructure.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class FieldWorkAlerts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MissedVisits",
                columns: table => new
                {
                    PlanId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    BranchId = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    CustomerId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PlannedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Kind = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    VisitorId = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    MissedEventId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    MadeGoodEventId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    MadeGoodOn = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MissedVisits", x => x.PlanId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MissedVisits_CustomerId_PlannedOn",
                table: "MissedVisits",
                columns: new[] { "CustomerId", "PlannedOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MissedVisits");
        }
    }
}
